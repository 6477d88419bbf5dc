package dev.jpool.launcher.cli;

import dev.jpool.launcher.report.TimelineRun;
import dev.jpool.launcher.run.PiRun;
import java.util.Comparator;
import java.util.List;

/** The run a timeline shows when there were repeats: the median one by wall time (the lower of two). */
final class MedianRun {
    private MedianRun() {
    }

    static TimelineRun of(List<PiRun> runs) {
        List<PiRun> sorted = runs.stream().sorted(Comparator.comparingLong(PiRun::wallNanos)).toList();
        PiRun median = sorted.get((sorted.size() - 1) / 2);
        String which = runs.size() == 1 ? "" : " (median of " + runs.size() + " runs)";
        return new TimelineRun(TimelineRun.describe(median) + which, median);
    }
}
