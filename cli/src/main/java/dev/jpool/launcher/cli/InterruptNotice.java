package dev.jpool.launcher.cli;

import java.io.PrintStream;

/**
 * Says, on Ctrl-C or SIGTERM during a run, that the run was interrupted and its workers are being
 * ended. The JVM then exits with 130 (SIGINT) or 143 (SIGTERM); the workers themselves are ended
 * by the launcher's process reaper.
 */
final class InterruptNotice implements AutoCloseable {
    private final Thread hook;

    InterruptNotice(String what) {
        PrintStream err = System.err;
        this.hook = new Thread(() -> {
            err.println("jpool: interrupted during " + what + "; ending worker JVMs, no result");
            err.flush();
        }, "jpool-interrupt-notice");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutdown has begun: the notice runs, as it should.
        }
    }
}
