package dev.jpool.launcher.cli;

import dev.jpool.launcher.jsonl.JsonLines;
import dev.jpool.launcher.jsonl.MapJob;
import dev.jpool.launcher.jsonl.TaskLoader;
import dev.jpool.launcher.run.Mode;
import dev.jpool.launcher.run.WorkerCount;
import dev.jpool.pool.Pool;
import dev.jpool.pool.ProcessPoolOptions;
import dev.jpool.pool.ProcessPool;
import dev.jpool.pool.ThreadPool;
import dev.jpool.task.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jpool map}: a user's task class over JSON lines, in worker JVMs or threads. */
@Command(name = "map", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = VersionProvider.class,
        description = {"Runs your task class (implementing dev.jpool.task.Task) over one JSON value per input line",
                "and writes one JSON result per line, in input order (or, with --unordered, as they complete,",
                "each tagged with its input index). A failed input is reported on stderr with its line number",
                "and the run exits 1; no result line stands in for it."},
        footer = {"", "Examples:",
                "  java -jar cli/target/jpool.jar map --task com.example.CountPrimes --classpath my.jar"
                        + " --in ranges.jsonl --out counts.jsonl --workers 4",
                "  seq 1 100 | java -jar cli/target/jpool.jar map --task com.example.Square --classpath my.jar"
                        + " --mode thread"})
final class MapCommand implements Callable<Integer> {
    @ParentCommand
    private JpoolCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--task", required = true, paramLabel = "CLASS",
            description = "Fully qualified name of your task class (public, with a public no-argument constructor).")
    private String task;

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "Where your task class is: jars or directories, separated by '${sys:path.separator}'.")
    private String classpath;

    @Option(names = "--in", paramLabel = "FILE", defaultValue = "-",
            description = "JSON lines to read, one input per line; '-' for stdin. Default: ${DEFAULT-VALUE}.")
    private String in;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "-",
            description = "Where to write the results; '-' for stdout. Default: ${DEFAULT-VALUE}.")
    private String out;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "process",
            converter = LowerCaseEnumConverter.ModeConverter.class,
            description = "process (worker JVMs) or thread. Default: ${DEFAULT-VALUE}.")
    private Mode mode;

    @Option(names = "--chunksize", paramLabel = "K",
            description = "Inputs per message to a worker. Default: Python's, about 4 chunks per worker.")
    private Integer chunksize;

    @Option(names = "--unordered", description = "Write results as they complete, each tagged with its input index.")
    private boolean unordered;

    @Mixin
    private WorkersOption workersOption;

    @Mixin
    private WorkerOptions options;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (mode == Mode.SERIAL) {
            throw new ParameterException(spec.commandLine(), "--mode must be process or thread for map");
        }
        if (chunksize != null && chunksize < 1) {
            throw new ParameterException(spec.commandLine(), "--chunksize must be at least 1, was " + chunksize);
        }
        options.requireLocalUnless(mode == Mode.PROCESS, "--mode thread");
        WorkerCount count = options.workerCount(parent.env(), workersOption.workers);
        List<Path> entries;
        Task<Object, Object> userTask;
        try {
            entries = TaskLoader.entries(classpath);
            userTask = TaskLoader.load(task, entries);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ProcessPoolOptions poolOptions = options.poolOptions(count.count(), parent.env()).withClasspath(entries.toArray(Path[]::new));
        if (mode == Mode.PROCESS) {
            try {
                ProcessPool.requireSendable(userTask, poolOptions);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        Path outPath = "-".equals(out) ? null : writable(Path.of(out));
        List<JsonLines.Line> lines;
        try (InputStream input = "-".equals(in) ? System.in : Files.newInputStream(readable(Path.of(in)))) {
            lines = JsonLines.read(input);
        }
        try (Pool pool = mode == Mode.THREAD ? new ThreadPool(count.count())
                : new ProcessPool(poolOptions);
             OutputStream sink = outPath == null ? new NonClosing(System.out) : Files.newOutputStream(outPath);
             InterruptNotice notice = new InterruptNotice("map")) {
            MapJob.Outcome outcome = new MapJob(pool, userTask, lines, unordered).run(
                    chunksize != null ? chunksize : Pool.defaultChunksize(lines.size(), count.count()),
                    sink, failure -> spec.commandLine().getErr().println("jpool: " + failure));
            if (outcome.failed() > 0) {
                spec.commandLine().getErr().println("jpool: map incomplete: " + outcome.failed() + " of "
                        + lines.size() + " inputs failed; their lines are listed above and have no result line");
                return RunErrorHandler.FAILED;
            }
            options.diagnose("map: " + lines.size() + " inputs, all done, on " + count.count() + " "
                    + (mode == Mode.THREAD ? "threads" : "worker JVMs"));
            return 0;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Path readable(Path path) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ParameterException(spec.commandLine(), "--in " + path + ": no such readable file");
        }
        return path;
    }

    private Path writable(Path path) {
        Path directory = path.toAbsolutePath().getParent();
        if (Files.isDirectory(path) || directory == null || !Files.isDirectory(directory) || !Files.isWritable(directory)
                || (Files.exists(path) && !Files.isWritable(path))) {
            throw new ParameterException(spec.commandLine(), "--out " + path + ": cannot write a file there");
        }
        return path;
    }

    /** stdout, which the command must not close. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
