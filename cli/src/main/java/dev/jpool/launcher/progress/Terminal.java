package dev.jpool.launcher.progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Whether a progress bar belongs on this process's stderr. */
public final class Terminal {
    private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

    private Terminal() {
    }

    /**
     * Whether to draw a bar: not with {@code --quiet}, not under CI ({@code CI} set, as every CI
     * system does, to anything but "false" or "0"), and only when stderr is a terminal.
     */
    public static boolean barWanted(boolean quiet, Map<String, String> env, boolean stderrIsTerminal) {
        String ci = env.get("CI");
        boolean underCi = ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
        return !quiet && !underCi && stderrIsTerminal;
    }

    /**
     * Whether file descriptor 2 is a terminal. On Linux it is read from where /proc/self/fd/2
     * points (a /dev/pts or /dev/tty device), which is about stderr alone. Elsewhere Java 17 only
     * offers {@link System#console()}, which is there when stdin and stdout are the terminal: a
     * conservative stand-in that leaves the bar out whenever either is redirected.
     */
    public static boolean stderrIsTerminal() {
        if (Files.exists(STDERR_LINK, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try {
                String target = Files.readSymbolicLink(STDERR_LINK).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                // fall through to the portable test
            }
        }
        return System.console() != null;
    }
}
