package dev.jpool.launcher.cli;

import dev.jpool.launcher.report.TimelineRun;
import dev.jpool.launcher.report.plot.GanttChart;
import dev.jpool.launcher.report.trace.ChromeTrace;
import dev.jpool.launcher.run.RunFailedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --trace FILE} and {@code --gantt FILE}: where the time went, as a trace and as a picture. */
final class TimelineOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Write a timeline in the Chrome trace-event format, for Perfetto or Chrome's tracing "
                    + "page: one lane per worker, one bar per phase (JVM start, receive, compute, send, exit; for "
                    + "threads pool start, queue wait, compute, join).")
    Path trace;

    @Option(names = "--gantt", paramLabel = "FILE.png",
            description = "Draw the same timeline as a Gantt chart (PNG), processes above threads above serial.")
    Path gantt;

    boolean any() {
        return trace != null || gantt != null;
    }

    /** Checks the files can be written; a usage error if not, before any JVM starts. */
    void check() {
        if (gantt != null && !gantt.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new ParameterException(spec.commandLine(), "--gantt '" + gantt + "' should end in .png: the chart is"
                    + " written as PNG");
        }
        for (var entry : new Object[][] {{"--trace", trace}, {"--gantt", gantt}}) {
            if (entry[1] != null) {
                String problem = OutputPaths.file((String) entry[0], (Path) entry[1]);
                if (problem != null) {
                    throw new ParameterException(spec.commandLine(), problem);
                }
            }
        }
    }

    /** Writes what was asked for, and says where on stderr (through {@code diagnose}). */
    void write(List<TimelineRun> runs, java.util.function.Consumer<String> diagnose) {
        try {
            if (trace != null) {
                ChromeTrace.write(trace, runs);
                diagnose.accept("trace written to " + trace + " (open it in ui.perfetto.dev or chrome://tracing)");
            }
            if (gantt != null) {
                GanttChart.writePng(gantt, runs);
                diagnose.accept("Gantt chart written to " + gantt);
            }
        } catch (IOException e) {
            throw new RunFailedException("cannot write the timeline: " + e.getMessage(), e);
        }
    }
}
