package dev.jpool.launcher.cli;

import dev.jpool.launcher.run.Mode;
import dev.jpool.launcher.run.PiRunner;
import dev.jpool.launcher.run.ProcessRunner;
import dev.jpool.launcher.run.SerialRunner;
import dev.jpool.launcher.run.ThreadRunner;
import java.util.Map;

/** Builds the runner for a mode from the shared options. */
final class Runners {
    private Runners() {
    }

    static PiRunner of(Mode mode, WorkerOptions options, Map<String, String> env) {
        return of(mode, options, env, false);
    }

    /** With {@code chaos}, a process run has one worker killed mid-run (for teaching recovery). */
    static PiRunner of(Mode mode, WorkerOptions options, Map<String, String> env, boolean chaos) {
        return switch (mode) {
            case PROCESS -> new ProcessRunner(options.poolOptions(1, env), options::diagnose, chaos);
            case THREAD -> new ThreadRunner();
            case SERIAL -> new SerialRunner();
        };
    }
}
