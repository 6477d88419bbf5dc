package dev.jpool.launcher.report;

import dev.jpool.launcher.run.Mode;
import dev.jpool.launcher.run.PiRun;
import dev.jpool.launcher.run.WorkerTiming;

/**
 * One run to draw on a timeline, with a title such as "process, 2 workers (median of 3 runs)".
 * Its workers are its lanes; their spans are its bars.
 */
public record TimelineRun(String title, PiRun run) {
    /** How a lane is named: "process 0/2 (pid 1234)", "thread 1/4 (jpool-thread-1)", "serial (main)". */
    public String laneName(WorkerTiming worker) {
        if (run.mode() == Mode.SERIAL) {
            return "serial (" + worker.label() + ")";
        }
        return run.mode().label() + " " + worker.index() + "/" + run.workers().size() + " (" + worker.label() + ")";
    }

    /** "process, 2 workers". */
    public static String describe(PiRun run) {
        int n = run.workers().size();
        return run.mode().label() + ", " + n + " worker" + (n == 1 ? "" : "s");
    }
}
