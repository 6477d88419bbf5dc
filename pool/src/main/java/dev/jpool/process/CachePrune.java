package dev.jpool.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keeps a cache directory from growing without end: every rebuilt jar, and every set of worker JVM
 * options, gets a start cache of its own (some 9 MB, 30 MB for an AOT cache), so building one
 * prunes those of its kind: the {@value #KEEP} most recently used stay, and so does any used within
 * {@link #IN_USE} (a pool elsewhere may still be starting workers from it); older ones go, with the
 * files beside them. A worker JVM that has mapped a removed cache keeps its mapping; nothing else
 * reads it. Quiet: the cache is a cache.
 */
final class CachePrune {
    /** Caches of one kind kept when a new one is built, most recently used first. */
    static final int KEEP = 8;
    /** A cache used more recently than this is never pruned. */
    static final Duration IN_USE = Duration.ofHours(1);
    /** What a JVM killed mid-build left behind is removed after this (a live build takes seconds, not a day). */
    private static final Duration ABANDONED = Duration.ofDays(1);

    private CachePrune() {
    }

    /** Prunes the caches named {@code prefix...extension} in {@code directory}. */
    static void prune(Path directory, String prefix, String extension) {
        Map<Path, Instant> lastUsed = new HashMap<>();
        try (Stream<Path> list = Files.list(directory)) {
            list.forEach(file -> lastUsed.put(file, lastUsed(file)));
        } catch (IOException e) {
            return;
        }
        Instant now = Instant.now();
        Instant abandoned = now.minus(ABANDONED);
        lastUsed.forEach((file, used) -> {
            String name = file.getFileName().toString();
            if (used.isBefore(abandoned) && (name.startsWith("building-")
                    || name.startsWith(prefix) && name.endsWith(extension + ".lock") && !Files.exists(cacheOf(file)))) {
                CacheFile.deleteQuietly(file);
            }
        });
        List<Path> caches = lastUsed.keySet().stream().filter(file -> isCacheOrFailure(file, prefix, extension))
                .sorted(Comparator.comparing(lastUsed::get).reversed())
                .toList();
        Instant inUse = now.minus(IN_USE);
        for (Path file : caches.subList(Math.min(KEEP, caches.size()), caches.size())) {
            if (lastUsed.get(file).isBefore(inUse)) {
                new CacheFile(directory, cacheOf(file)).delete();
            }
        }
    }

    /** A cache, or the mark of one that could not be built (which has no cache beside it). */
    private static boolean isCacheOrFailure(Path file, String prefix, String extension) {
        String name = file.getFileName().toString();
        return name.startsWith(prefix) && (name.endsWith(extension)
                || name.endsWith(extension + ".failed") && !Files.exists(cacheOf(file)));
    }

    /** The cache a file beside it belongs to. */
    private static Path cacheOf(Path file) {
        return Path.of(file.toString().replaceFirst("\\.(failed|lock)$", ""));
    }

    private static Instant lastUsed(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH; // gone already
        }
    }
}
