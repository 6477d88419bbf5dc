package dev.jpool.launcher.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where {@code map --out FILE} writes: a temporary file beside FILE, moved into place only when the
 * run completes, so that a run that fails or is interrupted (Ctrl-C, SIGTERM) leaves FILE exactly
 * as it was, as {@code scale --out} and the class-data archives do. A FILE that exists and is not a
 * regular file (a device, a FIFO) is written directly: there is nothing to move into place.
 */
final class ResultFile implements AutoCloseable {
    private final Path target;
    private final Path temporary;
    private final OutputStream out;
    private boolean committed;

    ResultFile(Path target) throws IOException {
        this.target = target;
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            this.temporary = null;
            this.out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
        } else {
            Path directory = target.toAbsolutePath().getParent();
            this.temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".partial");
            // FILE keeps its permissions; a new one gets rw-r--r--, not the temporary file's rw-------
            Files.setPosixFilePermissions(temporary, Files.exists(target) ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--"));
            temporary.toFile().deleteOnExit(); // gone on Ctrl-C or SIGTERM too (after a commit it is gone already)
            this.out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16);
        }
    }

    OutputStream stream() {
        return out;
    }

    /** Closes the results and puts them in place of FILE. */
    void commit() throws IOException {
        out.close();
        if (temporary != null) {
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        committed = true;
    }

    /** Without a {@link #commit()}: drops the results, leaving FILE as it was. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            // the results are dropped anyway
        }
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // deleteOnExit tries again
            }
        }
    }
}
