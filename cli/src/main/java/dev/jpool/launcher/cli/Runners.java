package dev.jpool.launcher.cli;

import dev.jpool.launcher.progress.ProgressBars;
import dev.jpool.launcher.run.Mode;
import dev.jpool.launcher.run.PiRunner;
import dev.jpool.launcher.run.ProcessRunner;
import dev.jpool.launcher.run.SerialRunner;
import dev.jpool.launcher.run.ThreadRunner;
import java.util.Map;
import java.util.function.Consumer;

/** Builds the runner for a mode from the shared options. */
final class Runners {
    private Runners() {
    }

    /**
     * A runner that says on stderr when its worker JVMs start and say hello; with {@code chaos},
     * a process run has one worker killed mid-run (for teaching recovery).
     */
    static PiRunner of(Mode mode, WorkerOptions options, Map<String, String> env, ProgressBars bars, boolean chaos) {
        return of(mode, options, env, bars, options::diagnose, chaos);
    }

    /** A runner for many runs: it says nothing per run (the command says what it does). */
    static PiRunner quiet(Mode mode, WorkerOptions options, Map<String, String> env, ProgressBars bars) {
        return of(mode, options, env, bars, line -> { }, false);
    }

    private static PiRunner of(Mode mode, WorkerOptions options, Map<String, String> env, ProgressBars bars,
                               Consumer<String> perRun, boolean chaos) {
        return bars.around(switch (mode) {
            case PROCESS -> new ProcessRunner(options.piPoolOptions(1, env), perRun, chaos, bars);
            case THREAD -> new ThreadRunner(bars);
            case SERIAL -> new SerialRunner(bars);
        });
    }
}
