package dev.jpool.process;

/** Words for a process's exit status, naming the signal when it was killed by one. */
public final class ExitStatus {
    private ExitStatus() {
    }

    public static String describe(int exit) {
        if (exit > 128 && exit < 160) {
            int signal = exit - 128;
            return "was killed by signal " + signal + signalName(signal) + " (exit code " + exit + ")";
        }
        return "exited with code " + exit;
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 1 -> " SIGHUP";
            case 2 -> " SIGINT";
            case 6 -> " SIGABRT";
            case 9 -> " SIGKILL";
            case 11 -> " SIGSEGV";
            case 15 -> " SIGTERM";
            default -> "";
        };
    }
}
