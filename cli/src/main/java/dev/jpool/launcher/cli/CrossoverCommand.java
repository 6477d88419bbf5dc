package dev.jpool.launcher.cli;

import dev.jpool.launcher.report.CrossoverReport;
import dev.jpool.launcher.run.CrossoverSearch;
import dev.jpool.launcher.run.Mode;
import dev.jpool.launcher.run.PiRunner;
import dev.jpool.launcher.run.WorkerCount;
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

/** {@code jpool crossover}: the smallest run at which threads, and processes, beat serial. */
@Command(name = "crossover", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {"Finds the darts from which threads and worker JVMs beat serial.", "",
                "Grows the count x10 from 1,000 until the mode is faster, then bisects between the last size where "
                        + "it lost and the first where it won, to within 10%%, every mode on the same kernel. "
                        + "Prints every size tried with its three times (medians). The tutorial's Python saw its "
                        + "crossover between 10,000 and 100,000 darts; a JVM costs more to start than a forked "
                        + "Python, and threads cost far less."},
        footer = {"", Examples.HEADING,
                "  ./jpool crossover --workers 2",
                "  ./jpool crossover --workers 2 --modes thread --max-samples 1e8"})
final class CrossoverCommand implements Callable<Integer> {
    private static final long START = 1_000;

    @ParentCommand
    private JpoolCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "2",
            description = "Worker JVMs or threads. Default: ${DEFAULT-VALUE}.")
    private int workers;

    @Option(names = "--modes", paramLabel = "MODE", split = ",", splitSynopsisLabel = ",", defaultValue = "thread,process",
            converter = LowerCaseEnumConverter.ModeConverter.class,
            description = "Parallel modes to find the crossover of. Default: ${DEFAULT-VALUE}.")
    private List<Mode> modes;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "20201117", converter = SeedConverter.class,
            description = "Seed of the random streams, or 'random'. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--max-samples", paramLabel = "N", defaultValue = "1e10", converter = SampleCountConverter.class,
            description = "Largest sample count to try; a mode that is not faster by then is reported as such. "
                    + "Default: ${DEFAULT-VALUE}.")
    private long maxSamples;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "3",
            description = "Runs per size and mode; the times are medians. Default: ${DEFAULT-VALUE}.")
    private int repeat;

    @Mixin
    private ReportOutput output;

    @Mixin
    private WorkerOptions worker;

    @Override
    public Integer call() throws InterruptedException {
        if (workers < 1 || workers > WorkerCount.MAX) {
            throw usage("--workers must be from 1 to " + WorkerCount.MAX + ", was " + workers);
        }
        if (modes.contains(Mode.SERIAL)) {
            throw usage("--modes takes thread and process; serial is what they are measured against");
        }
        if (maxSamples < START) {
            throw usage("--max-samples must be at least " + START + ", the first size tried, was " + maxSamples);
        }
        if (repeat < 1 || repeat > 1000) {
            throw usage("--repeat must be between 1 and 1000, was " + repeat);
        }
        worker.check();
        String kernel = LauncherKernel.sameInEveryMode(worker.workerJvmOptions, worker::diagnose);
        List<Mode> parallel = modes.stream().distinct().toList();
        worker.diagnose("searching where " + parallel + " with " + workers + " workers beat serial, from " + START
                + " up to " + maxSamples + " samples, median of " + repeat);
        var bars = worker.progressBars(parent.env());
        List<PiRunner> runners = new ArrayList<>();
        runners.add(Runners.quiet(Mode.SERIAL, worker, parent.env(), bars));
        for (Mode mode : parallel) {
            runners.add(Runners.quiet(mode, worker, parent.env(), bars));
        }
        CrossoverSearch.Result result;
        try (InterruptNotice notice = new InterruptNotice("crossover")) {
            result = new CrossoverSearch(runners)
                    .run(new CrossoverSearch.Settings(workers, seed, START, maxSamples, repeat, parallel));
        }
        output.print(new CrossoverReport(result, kernel));
        return 0;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
