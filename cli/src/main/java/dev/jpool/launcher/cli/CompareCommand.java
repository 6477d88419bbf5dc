package dev.jpool.launcher.cli;

import dev.jpool.host.PeakRss;
import dev.jpool.process.AotCache;
import dev.jpool.launcher.progress.ProgressBars;
import dev.jpool.launcher.report.CompareReport;
import dev.jpool.launcher.report.TimelineRun;
import dev.jpool.launcher.run.Comparison;
import dev.jpool.launcher.run.CoreCount;
import dev.jpool.launcher.run.MachineLoad;
import dev.jpool.launcher.run.Mode;
import dev.jpool.launcher.run.WorkerCount;
import dev.jpool.launcher.slurm.SlurmJob;
import dev.jpool.process.WorkerLauncher;
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
        description = {"Times the same darts serially, in threads and in worker JVMs.", "",
                "Runs the same samples and seed in every mode, on the same kernel, and prints one table: wall "
                        + "time, speedup, efficiency, where the time went (JVM start, messaging, compute) and the "
                        + "memory each JVM held. The table fits 100 columns; --wide, --format csv and --format json "
                        + "give every column."},
        footer = {"", Examples.HEADING,
                "  ./jpool compare --samples 1e9 --workers 2",
                "  ./jpool compare --samples 1e8 --repeat 5 --format csv",
                "  ./jpool compare --samples 1e8 --workers 2 --gantt compare.png"})
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

    @Option(names = "--wide", description = "One table with every column (about 140 columns wide) instead of "
            + "two that fit 100.")
    private boolean wide;

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
                + " worker JVMs" + options.launcherNote()
                + " (from " + count.source() + "), " + run.samples + " samples, seed "
                + run.seed + ", " + repeat + " run" + (repeat == 1 ? "" : "s") + " each");
        LauncherKernel.sameInEveryMode(options.workerJvmOptions, options::diagnose);
        int cores;
        try {
            cores = CoreCount.detect(parent.env(), Runtime.getRuntime().availableProcessors()).cores();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Comparison.Result result;
        ProgressBars bars = options.progressBars(parent.env());
        MachineLoad load = new MachineLoad();
        try (InterruptNotice notice = new InterruptNotice("compare")) {
            result = new Comparison(Runners.of(Mode.SERIAL, options, parent.env(), bars, false),
                    Runners.of(Mode.THREAD, options, parent.env(), bars, false),
                    Runners.of(Mode.PROCESS, options, parent.env(), bars, false), load)
                    .run(run.samples, run.seed, count.count(), repeat);
        }
        output.print(new CompareReport(result, "from " + count.source(), PeakRss.available(),
                SlurmJob.of(parent.env()).orElse(null), wide, load.reading().orElse(null), cores,
                AotCache.describeRuntime(options.cds)));
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
