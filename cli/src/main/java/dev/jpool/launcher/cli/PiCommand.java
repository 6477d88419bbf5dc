package dev.jpool.launcher.cli;

import dev.jpool.launcher.report.PiReport;
import dev.jpool.launcher.report.TimelineRun;
import dev.jpool.launcher.run.Mode;
import dev.jpool.launcher.run.PiRun;
import dev.jpool.launcher.run.WorkerCount;
import dev.jpool.launcher.slurm.SlurmJob;
import dev.jpool.process.WorkerLauncher;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jpool pi}: one Monte Carlo estimate of pi in one mode. */
@Command(name = "pi", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {"Estimates pi with darts in worker JVMs, threads or serially.", "",
                "Throws the darts at a square in separate worker JVMs (--mode process), in a thread pool in "
                        + "this JVM (--mode thread) or on one thread (--mode serial), and prints the estimate, its "
                        + "error and where the time went."},
        footer = {"", Examples.HEADING,
                "  ./jpool pi --samples 1e9 --workers 4 --mode process",
                "  ./jpool pi --samples 1e8 --mode thread --format json",
                "  ./jpool pi --samples 1e9 --workers 2 --trace pi-trace.json --gantt pi.png",
                "  salloc -N2 -n4 ./jpool pi --launcher srun"})
final class PiCommand implements Callable<Integer> {
    @ParentCommand
    private JpoolCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private RunOptions run;

    @Mixin
    private WorkersOption workersOption;

    @Mixin
    private WorkerOptions options;

    @Mixin
    private TimelineOptions timeline;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "process",
            converter = LowerCaseEnumConverter.ModeConverter.class,
            description = "process, thread or serial. Default: ${DEFAULT-VALUE}.")
    private Mode mode;

    @Mixin
    private ReportOutput output;

    @Option(names = "--chaos", paramLabel = "WHAT", hidden = true,
            description = "kill-one: kill one random worker JVM mid-run, to watch the chunk re-run and the hit "
                    + "count stay the same (for teaching; see the README).")
    private String chaos;

    @Override
    public Integer call() throws InterruptedException {
        if (chaos != null && !chaos.equals("kill-one")) {
            throw new ParameterException(spec.commandLine(), "--chaos takes kill-one, was '" + chaos + "'");
        }
        if (chaos != null && mode != Mode.PROCESS) {
            throw new ParameterException(spec.commandLine(),
                    "--chaos kill-one kills a worker JVM, so it needs --mode process");
        }
        if (options.launcher.slurm() && mode != Mode.PROCESS) {
            throw new ParameterException(spec.commandLine(), "--launcher " + options.launcher
                    + " starts worker JVMs, so it goes with --mode process, not --mode " + mode);
        }
        WorkerCount count = options.workerCount(parent.env(), workersOption.workers);
        timeline.check();
        int workers = mode == Mode.SERIAL ? 1 : count.count();
        String source = mode == Mode.SERIAL ? "serial" : "from " + count.source();
        if (mode != Mode.SERIAL && options.launcher == WorkerLauncher.LOCAL) {
            options.warnAboveAllocation(parent.env(), workers, mode == Mode.THREAD ? "threads" : "workers");
        }
        options.diagnose(mode + " mode, " + workers + " worker" + (workers == 1 ? "" : "s")
                + options.launcherNote() + " (" + source
                + "), " + run.samples + " samples, seed " + run.seed);
        if (mode != Mode.PROCESS) {
            LauncherKernel.scalarNote().ifPresent(options::diagnose);
        }
        PiRun result;
        try (InterruptNotice notice = new InterruptNotice("pi")) {
            result = Runners.of(mode, options, parent.env(), options.progressBars(parent.env()), chaos != null)
                    .run(run.samples, run.seed, workers);
        }
        output.print(new PiReport(result, source, SlurmJob.of(parent.env()).orElse(null)));
        timeline.write(List.of(new TimelineRun(TimelineRun.describe(result), result)), options::diagnose);
        return 0;
    }
}
