package dev.jpool.launcher.cli;

import dev.jpool.launcher.jsonl.JsonLines;
import dev.jpool.launcher.jsonl.MapJob;
import dev.jpool.launcher.jsonl.Shard;
import dev.jpool.launcher.jsonl.ShardFiles;
import dev.jpool.launcher.jsonl.TaskLoader;
import dev.jpool.launcher.run.Mode;
import dev.jpool.launcher.run.RunFailedException;
import dev.jpool.launcher.run.WorkerCount;
import dev.jpool.pool.Pool;
import dev.jpool.pool.ProcessPoolOptions;
import dev.jpool.pool.ProcessPool;
import dev.jpool.pool.ThreadPool;
import dev.jpool.protocol.Protocol;
import dev.jpool.task.Task;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
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
        description = {"Runs your task class over JSON lines, in worker JVMs or threads.", "",
                "Reads one JSON value per input line, runs your class that implements jpool's Task "
                        + "interface on each, and writes one JSON result per line, in input order (or, with "
                        + "--unordered, as they complete, each tagged with its input index). A failed input is "
                        + "reported on stderr with its line number and the run exits 1; no result line stands in "
                        + "for it."},
        footer = {"", Examples.HEADING,
                "  ./jpool map --task com.example.CountPrimes --classpath my.jar --in in.jsonl",
                "  seq 1 100 | ./jpool map --task com.example.Square --classpath my.jar"})
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

    @Mixin
    private ShardOption shardOption;

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
        // stdout holds result lines only: user code's prints (a task class's static initialiser and
        // constructor here, apply() in thread mode) go to stderr, as they do in worker JVMs.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            return map(count);
        } finally {
            System.setOut(stdout);
        }
    }

    private int map(WorkerCount count) throws IOException, InterruptedException {
        Shard shard = shardOption.resolve(parent.env(), out, unordered, options::diagnose);
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
            lines = mode == Mode.THREAD ? JsonLines.read(input)
                    : JsonLines.read(input, Protocol.MAX_PAYLOAD_BYTES - 2, Protocol.lineLimitAdvice());
        }
        if (shard != null) {
            lines = shard.select(lines);
        }
        // A shard writes OUT.shard-I-of-N, sealed with an end record that the gathering step checks;
        // without one, --out FILE is replaced only when the run completes.
        try (ResultFile file = outPath == null || shard != null ? null : new ResultFile(outPath);
             Pool pool = mode == Mode.THREAD ? new ThreadPool(count.count()) : new ProcessPool(poolOptions);
             InterruptNotice notice = new InterruptNotice("map")) {
            OutputStream sink = shard != null ? ShardFiles.open(shard, outPath, lines.size())
                    : file != null ? file.stream() : new BufferedOutputStream(new NonClosing(Stdout.results()), 1 << 16);
            MapJob.Outcome outcome;
            try {
                outcome = (mode == Mode.THREAD ? new MapJob(pool, userTask, lines, unordered)
                        : new MapJob(pool, userTask, lines, unordered, Protocol.MAX_PAYLOAD_BYTES, Protocol.lineLimitAdvice())).run(
                        chunksize != null ? chunksize : Pool.defaultChunksize(lines.size(), count.count()),
                        sink, failure -> spec.commandLine().getErr().println("jpool: " + failure));
                if (file != null) {
                    file.commit();
                } else if (shard != null) {
                    sink.close();
                } else {
                    sink.flush();
                }
            } catch (IOException | RuntimeException e) {
                pool.terminate(); // nothing more is wanted: end the workers now rather than finish the inputs
                IOException io = e instanceof UncheckedIOException u ? u.getCause() : e instanceof IOException i ? i : null;
                if (io == null) {
                    throw e;
                }
                if (file == null && Stdout.brokenPipe(io)) {
                    return Stdout.BROKEN_PIPE; // the reader has gone (| head): end early and quietly, as Unix tools do
                }
                throw new RunFailedException("cannot write the results to " + (file == null ? "stdout" : "--out " + outPath)
                        + ": " + io.getMessage(), io);
            }
            if (outcome.failed() > 0) {
                spec.commandLine().getErr().println("jpool: map incomplete: " + outcome.failed() + " of "
                        + lines.size() + " inputs failed; their lines are listed above and have no result line");
                return RunErrorHandler.FAILED;
            }
            options.diagnose("map: " + lines.size() + " inputs, all done, on " + count.count() + " "
                    + (mode == Mode.THREAD ? "threads" : "worker JVMs"));
            return 0;
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
