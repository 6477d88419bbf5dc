package dev.jpool.pool;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The entries a worker JVM will search for classes: the classpath, and the Class-Path of its jars' manifests. */
final class WorkerClasspath {
    private WorkerClasspath() {
    }

    /** Every entry of {@code classpath}, plus what its jars' manifests add (as test runners' booter jars do). */
    static List<Path> entries(String classpath) {
        Set<Path> entries = new LinkedHashSet<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                add(Path.of(entry).toAbsolutePath().normalize(), entries, 0);
            }
        }
        return new ArrayList<>(entries);
    }

    private static void add(Path entry, Set<Path> entries, int depth) {
        if (!entries.add(entry) || depth > 3 || !Files.isRegularFile(entry)) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String more = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (more == null) {
                return;
            }
            URI base = entry.getParent().toUri();
            for (String relative : more.trim().split("\\s+")) {
                try {
                    add(Path.of(base.resolve(new URI(relative))).normalize(), entries, depth + 1);
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // an entry the JVM would ignore too
                }
            }
        } catch (IOException e) {
            // not a jar: the JVM ignores it as well
        }
    }
}
