package dev.jpool.launcher.cli;

import dev.jpool.host.PeakRss;
import dev.jpool.launcher.report.CompareReport;
import dev.jpool.launcher.worker.AotCache;
import dev.jpool.launcher.progress.ProgressBars;
import dev.jpool.launcher.report.TimelineRun;
import dev.jpool.launcher.run.Comparison;
import dev.jpool.launcher.run.Mode;
import dev.jpool.launcher.run.WorkerCount;
import dev.jpool.launcher.slurm.SlurmJob;
import dev.jpool.launcher.worker.WorkerLauncher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jpool compare}: serial, threads and processes side by side, and where the time went. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {"Runs the same samples and seed serially, in threads and in worker JVMs,",
                "and prints one table: wall time, speedup, efficiency, where the time went",
                "(JVM start, messaging, compute) and the memory each JVM held."},
        footer = {"", "Examples:",
                "  java -jar launcher/target/jpool.jar compare --samples 1e9 --workers 2",
                "  java -jar launcher/target/jpool.jar compare --samples 1e8 --repeat 5 --format csv",
                "  java -jar launcher/target/jpool.jar compare --samples 1e8 --workers 2 --gantt compare.png"})
final class CompareCommand implements Callable<Integer> {
    @ParentCommand
    private JpoolCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private RunOptions run;

    @Mixin
    private WorkersOption workers;

    @Mixin
    private WorkerOptions options;

    @Mixin
    private TimelineOptions timeline;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "3",
            description = "Runs per mode; the table shows medians. Default: ${DEFAULT-VALUE}.")
    private int repeat;

    @Mixin
    private ReportOutput output;

    @Override
    public Integer call() throws InterruptedException {
        if (repeat < 1 || repeat > 1000) {
            throw new ParameterException(spec.commandLine(), "--repeat must be between 1 and 1000, was " + repeat);
        }
        WorkerCount count = options.workerCount(parent.env(), workers.workers);
        options.warnAboveAllocation(parent.env(), count.count(),
                options.launcher == WorkerLauncher.LOCAL ? "workers" : "threads");
        timeline.check();
        options.diagnose("comparing serial, " + count.count() + " threads and " + count.count()
                + " worker JVMs" + (options.launcher == WorkerLauncher.SRUN ? " as SLURM job steps" : "")
                + " (from " + count.source() + "), " + run.samples + " samples, seed "
                + run.seed + ", " + repeat + " run" + (repeat == 1 ? "" : "s") + " each");
        LauncherKernel.scalarNote().ifPresent(options::diagnose);
        Comparison.Result result;
        ProgressBars bars = options.progressBars(parent.env());
        try (InterruptNotice notice = new InterruptNotice("compare")) {
            result = new Comparison(Runners.of(Mode.SERIAL, options, parent.env(), bars, false),
                    Runners.of(Mode.THREAD, options, parent.env(), bars, false),
                    Runners.of(Mode.PROCESS, options, parent.env(), bars, false))
                    .run(run.samples, run.seed, count.count(), repeat);
        }
        output.print(new CompareReport(result, "from " + count.source(), PeakRss.available(),
                SlurmJob.of(parent.env()).orElse(null), AotCache.describeRuntime(options.cds)));
        if (timeline.any()) {
            // processes above threads above serial, each its median run
            List<TimelineRun> runs = new ArrayList<>();
            for (Mode mode : List.of(Mode.PROCESS, Mode.THREAD, Mode.SERIAL)) {
                result.rows().stream().filter(row -> row.mode() == mode).findFirst()
                        .ifPresent(row -> runs.add(MedianRun.of(row.runs())));
            }
            timeline.write(runs, options::diagnose);
        }
        return 0;
    }
}
