package dev.jpool.launcher.report;

import dev.jpool.launcher.run.Mode;
import dev.jpool.launcher.run.PiRun;
import dev.jpool.launcher.run.WorkerTiming;

/**
 * One run to draw on a timeline, with a title such as "process, 2 workers (median of 3 runs)".
 * Its workers are its lanes; their spans are its bars.
 */
public record TimelineRun(String title, PiRun run) {
    /**
     * How a lane is named: "process worker 1 of 2 (pid 1234)", "thread worker 2 of 4
     * (jpool-thread-1)", "serial (main)". Workers count from 1 here, as a reader counts.
     */
    public String laneName(WorkerTiming worker) {
        if (run.mode() == Mode.SERIAL) {
            return "serial (" + worker.label() + ")";
        }
        return run.mode().label() + " worker " + (worker.index() + 1) + " of " + run.workerCount() + " ("
                + worker.label() + ")";
    }

    /** "process, 2 workers". */
    public static String describe(PiRun run) {
        int n = run.workers().size();
        return run.mode().label() + ", " + n + " worker" + (n == 1 ? "" : "s");
    }
}
