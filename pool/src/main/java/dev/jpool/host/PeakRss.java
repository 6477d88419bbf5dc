package dev.jpool.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Peak resident set size of a process, from Linux's {@code /proc/<pid>/status} (VmHWM). */
public final class PeakRss {
    private PeakRss() {
    }

    /** This JVM's peak RSS in KiB, empty where {@code /proc} is not there (not Linux). */
    public static OptionalLong selfKib() {
        return ofStatus(Path.of("/proc/self/status"));
    }

    /** This JVM's peak RSS in KiB, or null where it cannot be read (for reports and messages). */
    public static Long selfKibOrNull() {
        OptionalLong kib = selfKib();
        return kib.isPresent() ? kib.getAsLong() : null;
    }

    /** Another process's peak RSS in KiB, empty if unreadable or the process has exited. */
    public static OptionalLong ofPid(long pid) {
        return ofStatus(Path.of("/proc", Long.toString(pid), "status"));
    }

    /** Whether peak RSS can be read on this host. */
    public static boolean available() {
        return selfKib().isPresent();
    }

    static OptionalLong ofStatus(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    String value = line.substring("VmHWM:".length()).trim();
                    int space = value.indexOf(' ');
                    return OptionalLong.of(Long.parseLong(space < 0 ? value : value.substring(0, space)));
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
