package dev.jpool.launcher.cli;

import dev.jpool.launcher.report.Format;
import dev.jpool.launcher.report.PiReport;
import dev.jpool.launcher.run.Mode;
import dev.jpool.launcher.run.PiRun;
import dev.jpool.launcher.run.WorkerCount;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jpool pi}: one Monte Carlo estimate of pi in one mode. */
@Command(name = "pi", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {"Estimates pi by throwing darts at a square: in separate worker JVMs (process),",
                "in a thread pool in this JVM (thread), or on one thread (serial)."},
        footer = {"", "Examples:",
                "  java -jar launcher/target/jpool.jar pi --samples 1e9 --workers 4 --mode process",
                "  java -jar launcher/target/jpool.jar pi --samples 1e8 --mode thread --format json"})
final class PiCommand implements Callable<Integer> {
    @ParentCommand
    private JpoolCommand parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    private RunOptions options;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "process",
            converter = LowerCaseEnumConverter.ModeConverter.class,
            description = "process, thread or serial. Default: ${DEFAULT-VALUE}.")
    private Mode mode;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            converter = LowerCaseEnumConverter.FormatConverter.class,
            description = "text, json or csv on stdout. Default: ${DEFAULT-VALUE}.")
    private Format format;

    @Override
    public Integer call() throws InterruptedException {
        WorkerCount count = options.workerCount(parent.env());
        int workers = mode == Mode.SERIAL ? 1 : count.count();
        String source = mode == Mode.SERIAL ? "serial" : "from " + count.source();
        options.diagnose(mode + " mode, " + workers + " worker" + (workers == 1 ? "" : "s") + " (" + source
                + "), " + options.samples + " samples, seed " + options.seed);
        if (mode != Mode.PROCESS) {
            LauncherKernel.scalarNote().ifPresent(options::diagnose);
        }
        PiRun run;
        try (InterruptNotice notice = new InterruptNotice("pi")) {
            run = Runners.of(mode, options, parent.env()).run(options.samples, options.seed, workers);
        }
        new PiReport(run, source).print(spec.commandLine().getOut(), format);
        return 0;
    }
}
