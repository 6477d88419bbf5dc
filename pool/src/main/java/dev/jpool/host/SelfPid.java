package dev.jpool.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This JVM's process id, read where it costs a worker's start nothing: Linux's {@code /proc/self}
 * link names it. {@link ProcessHandle#current()} gives the same number anywhere, but its class
 * starts the JDK's process-reaper executor, made with lambdas, whose first bootstrap costs a cold
 * JVM some ten milliseconds before its hello; it is asked only where {@code /proc} is not there.
 */
public final class SelfPid {
    private static final Path PROC_SELF = Path.of("/proc/self");

    private SelfPid() {
    }

    /** This JVM's pid. */
    public static long pid() {
        try {
            return Long.parseLong(Files.readSymbolicLink(PROC_SELF).toString());
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.current().pid();
        }
    }
}
