package dev.jpool.pool;

import dev.jpool.process.ClassDataArchive;
import dev.jpool.process.StartCache;
import dev.jpool.process.WorkerCommandLine;
import dev.jpool.protocol.Protocol;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** The command line of a process pool's workers: this JVM's java, the worker classpath, the options, the start-up cache. */
final class PoolCommandLine {
    private PoolCommandLine() {
    }

    static WorkerCommandLine of(ProcessPoolOptions options) {
        WorkerCommandLine self = WorkerCommandLine.ofThisJvm();
        WorkerCommandLine base = new WorkerCommandLine(self.java(), classpath(options), self.jvmOptions(),
                WorkerCommandLine.WORKER_MAIN).withJvmOptions(lineLimit()).withJvmOptions(options.jvmOptions());
        return (options.classDataArchive() ? startCache(options).apply(base) : base).withPrefix(options.launchPrefix());
    }

    /** Where the workers find jpool's, Jackson's, the caller's and the options' classes. */
    static String classpath(ProcessPoolOptions options) {
        return WorkerClasspath.of(options.classpath());
    }

    /** The launcher's line limit, for its workers to agree on one limit, where it is not the default. */
    private static List<String> lineLimit() {
        return Protocol.MAX_LINE_BYTES == Protocol.DEFAULT_MAX_LINE_BYTES ? List.of()
                : List.of("-D" + Protocol.MAX_LINE_PROPERTY + "=" + Protocol.MAX_LINE_BYTES);
    }

    /**
     * What makes a worker start fast: on JDK 25 and newer an AOT cache, before that a class-data
     * archive; the one there is, or none while it is built in the background, unless told to wait.
     */
    private static UnaryOperator<WorkerCommandLine> startCache(ProcessPoolOptions options) {
        Path directory = options.cacheDirectory() != null ? options.cacheDirectory()
                : ClassDataArchive.defaultDirectory(System.getenv());
        StartCache cache = StartCache.forThisJdk(directory, options.diagnostics());
        return options.classDataArchiveAwaited() ? cache::apply : cache::applyIfReady;
    }
}
