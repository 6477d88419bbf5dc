package dev.jpool.launcher.cli;

import dev.jpool.launcher.demo.Demo;
import dev.jpool.launcher.run.WorkerCount;
import dev.jpool.pool.Pool;
import dev.jpool.pool.ProcessPool;
import dev.jpool.pool.ThreadPool;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code jpool demo NAME}: the tutorial's examples on worker JVMs, or on threads. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = VersionProvider.class,
        description = {"Runs one of the tutorial's examples on worker JVMs or threads.", "",
                "Each result shows the pid (or thread) that computed it. NAME is one of:",
                "  hello        each worker says hello; the order is not guaranteed",
                "  map          pool.map(x*x, 1..10), and which worker computed each",
                "  starmap      x**y for x in 1..10, y = 3, two arguments per call",
                "  apply-async  the same from ten futures",
                "  queue        results drained from a queue as they arrive"},
        footer = {"", Examples.HEADING,
                "  ./jpool demo map --workers 4",
                "  ./jpool demo hello --workers 4 --threads"})
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    private JpoolCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", converter = DemoConverter.class,
            description = "hello, map, starmap, apply-async or queue")
    private Demo demo;

    @Option(names = "--threads", description = "Run the demo on a thread pool in this JVM instead of worker JVMs.")
    private boolean threads;

    @Mixin
    private WorkersOption workersOption;

    @Mixin
    private WorkerOptions options;

    @Override
    public Integer call() throws InterruptedException {
        options.requireLocalUnless(!threads, "--threads");
        WorkerCount count = options.workerCount(parent.env(), workersOption.workers);
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        try (Pool pool = threads ? new ThreadPool(count.count())
                : new ProcessPool(options.poolOptions(count.count(), parent.env()))) {
            if (pool instanceof ProcessPool processes) {
                processes.ready().join();
                out.printf(Locale.ROOT, "demo %s: %d worker JVMs (pid %s) ready %.0f ms after the first spawn; "
                                + "this JVM is pid %d%n", demo.label(), count.count(),
                        processes.pids().stream().map(String::valueOf).collect(Collectors.joining(", ")),
                        (System.nanoTime() - start) / 1e6, ProcessHandle.current().pid());
            } else {
                out.printf(Locale.ROOT, "demo %s: %d threads in this one JVM (pid %d), ready in %.1f ms%n",
                        demo.label(), count.count(), ProcessHandle.current().pid(), (System.nanoTime() - start) / 1e6);
            }
            demo.run(pool, out);
        }
        out.flush();
        return 0;
    }

    static final class DemoConverter implements ITypeConverter<Demo> {
        @Override
        public Demo convert(String value) {
            try {
                return Demo.named(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
