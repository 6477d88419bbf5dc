package dev.jpool.launcher.cli;

import dev.jpool.launcher.progress.ProgressBars;
import dev.jpool.launcher.run.Mode;
import dev.jpool.launcher.run.PiRunner;
import dev.jpool.launcher.run.ProcessRunner;
import dev.jpool.launcher.run.SerialRunner;
import dev.jpool.launcher.run.ThreadRunner;
import dev.jpool.protocol.Protocol;
import java.util.Map;

/** Builds the runner for a mode from the shared options. */
final class Runners {
    private Runners() {
    }

    static PiRunner of(Mode mode, RunOptions options, Map<String, String> env, ProgressBars bars) {
        return of(mode, options.worker, env, bars);
    }

    static PiRunner of(Mode mode, WorkerOptions options, Map<String, String> env, ProgressBars bars) {
        return bars.around(switch (mode) {
            case PROCESS -> new ProcessRunner(options.workerCommandLine(env), new Protocol(), options::workerStderr,
                    options::diagnose, bars);
            case THREAD -> new ThreadRunner(bars);
            case SERIAL -> new SerialRunner(bars);
        });
    }
}
