package dev.jpool.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Who may have written a class-data cache. A JVM maps an archive into its memory and trusts what
 * it finds there (the checksum beside it catches accidents, not an attacker, who rewrites both), so
 * an archive is used only from a directory, and as a file, that belong to the user running jpool
 * and that no one else can write, as ssh insists for its keys. A cache jpool creates is {@code 0700}.
 */
final class CachePermissions {
    private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS = Set.of(
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private CachePermissions() {
    }

    /** Creates the directory (and any missing parents) readable, writable and searchable by its owner only. */
    static void createPrivateDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    /**
     * Null if the cache directory and those of the files that exist belong to this user and no one
     * else may write them; else why not, in words for a one-line warning.
     */
    static String untrusted(Path directory, Path... files) {
        String problem = problem(directory, "cache directory");
        for (int i = 0; problem == null && i < files.length; i++) {
            if (Files.exists(files[i], LinkOption.NOFOLLOW_LINKS)) {
                problem = problem(files[i], "cached file");
            }
        }
        return problem;
    }

    private static String problem(Path path, String what) {
        try {
            if (Files.isSymbolicLink(path) && !what.equals("cache directory")) {
                return what + " " + path + " is a symbolic link; remove it";
            }
            int owner = (Integer) Files.getAttribute(path, "unix:uid");
            int self = currentUid();
            if (owner != self) {
                return what + " " + path + " belongs to another user (uid " + owner + ", not " + self
                        + "); use a cache of your own (JPOOL_CACHE)";
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (permissions.stream().anyMatch(WRITABLE_BY_OTHERS::contains)) {
                return what + " " + path + " may be written by others (" + PosixFilePermissions.toString(permissions)
                        + "); make it writable by you alone: chmod go-w " + path;
            }
            return null;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "cannot tell who may write " + what + " " + path + " (" + e.getMessage() + ")";
        }
    }

    /** This process's user id: the owner of what it creates, as the system sees it. */
    private static int currentUid() throws IOException {
        Path self = Path.of("/proc/self");
        if (Files.exists(self)) {
            return (Integer) Files.getAttribute(self, "unix:uid");
        }
        Path probe = Files.createTempFile("jpool-uid-", "");
        try {
            return (Integer) Files.getAttribute(probe, "unix:uid");
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
