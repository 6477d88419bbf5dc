package dev.jpool.launcher.cli;

import dev.jpool.host.PeakRss;
import dev.jpool.launcher.report.CompareReport;
import dev.jpool.launcher.report.Format;
import dev.jpool.launcher.run.Comparison;
import dev.jpool.launcher.run.Mode;
import dev.jpool.launcher.run.WorkerCount;
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
                "  java -jar launcher/target/jpool.jar compare --samples 1e8 --repeat 5 --format csv"})
final class CompareCommand implements Callable<Integer> {
    @ParentCommand
    private JpoolCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private RunOptions options;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "3",
            description = "Runs per mode; the table shows medians. Default: ${DEFAULT-VALUE}.")
    private int repeat;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            converter = LowerCaseEnumConverter.FormatConverter.class,
            description = "text, json or csv on stdout. Default: ${DEFAULT-VALUE}.")
    private Format format;

    @Override
    public Integer call() throws InterruptedException {
        if (repeat < 1 || repeat > 1000) {
            throw new ParameterException(spec.commandLine(), "--repeat must be between 1 and 1000, was " + repeat);
        }
        WorkerCount count = options.workerCount(parent.env());
        options.diagnose("comparing serial, " + count.count() + " threads and " + count.count()
                + " worker JVMs (from " + count.source() + "), " + options.samples + " samples, seed "
                + options.seed + ", " + repeat + " run" + (repeat == 1 ? "" : "s") + " each");
        LauncherKernel.scalarNote().ifPresent(options::diagnose);
        Comparison.Result result;
        try (InterruptNotice notice = new InterruptNotice("compare")) {
            result = new Comparison(Runners.of(Mode.SERIAL, options, parent.env()), Runners.of(Mode.THREAD, options, parent.env()),
                    Runners.of(Mode.PROCESS, options, parent.env())).run(options.samples, options.seed, count.count(), repeat);
        }
        new CompareReport(result, "from " + count.source(), PeakRss.available())
                .print(spec.commandLine().getOut(), format);
        return 0;
    }
}
