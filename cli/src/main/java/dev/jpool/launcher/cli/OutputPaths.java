package dev.jpool.launcher.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before anything runs, that the files a command will write can be written: a run of
 * minutes must not end in "cannot write". A problem is a one-line message for a usage error.
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * Creates {@code dir} (and its parents) if need be.
     *
     * @return null if it is a writable directory now, else what is wrong
     */
    static String directory(String option, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return option + " '" + dir + "' cannot be created: " + reason(e);
        }
        return Files.isWritable(dir) ? null : option + " '" + dir + "' is not writable";
    }

    /**
     * Creates the file's directory if need be.
     *
     * @return null if the file can be written, else what is wrong
     */
    static String file(String option, Path file) {
        if (Files.isDirectory(file)) {
            return option + " '" + file + "' is a directory, not a file";
        }
        Path parent = file.toAbsolutePath().getParent();
        String problem = directory(option + " directory", parent);
        if (problem != null) {
            return problem;
        }
        return !Files.exists(file) || Files.isWritable(file) ? null : option + " '" + file + "' is not writable";
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs) {
            String why = fs.getReason() != null ? fs.getReason()
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way" : e.getClass().getSimpleName();
            return (fs.getFile() != null ? fs.getFile() + ": " : "") + why;
        }
        return e.getMessage();
    }
}
