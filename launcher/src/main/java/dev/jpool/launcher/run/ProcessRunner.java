package dev.jpool.launcher.run;

import dev.jpool.launcher.worker.WorkerCommandLine;
import dev.jpool.launcher.worker.WorkerException;
import dev.jpool.launcher.worker.WorkerProcess;
import dev.jpool.launcher.worker.WorkerProcess.Arrival;
import dev.jpool.launcher.worker.WorkerProcess.Reply;
import dev.jpool.pi.ChunkPlan;
import dev.jpool.pi.PiChunk;
import dev.jpool.pi.PiCount;
import dev.jpool.pi.PiTask;
import dev.jpool.protocol.Bye;
import dev.jpool.protocol.Hello;
import dev.jpool.protocol.Protocol;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The chunks in N separate worker JVMs: spawn them all, send each its chunk as one JSON line when
 * it says hello, read back its count, ask it to stop, and wait until every process has exited.
 * Every worker is ended on the way out, whatever happened.
 */
public final class ProcessRunner implements PiRunner {
    private static final Duration HELLO_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final WorkerCommandLine commandLine;
    private final Protocol protocol;
    private final Consumer<String> stderrSink;
    private final Consumer<String> diagnostics;

    /**
     * @param stderrSink  receives the workers' stderr lines, prefixed with the worker's id
     * @param diagnostics receives one line per run naming the worker JVMs started
     */
    public ProcessRunner(WorkerCommandLine commandLine, Protocol protocol, Consumer<String> stderrSink,
                         Consumer<String> diagnostics) {
        this.commandLine = commandLine;
        this.protocol = protocol;
        this.stderrSink = stderrSink;
        this.diagnostics = diagnostics;
    }

    @Override
    public Mode mode() {
        return Mode.PROCESS;
    }

    @Override
    public PiRun run(long samples, long seed, int workers) throws InterruptedException {
        List<PiChunk> chunks = ChunkPlan.split(seed, samples, workers);
        List<WorkerProcess> started = new ArrayList<>();
        try {
            long t0 = System.nanoTime();
            for (int i = 0; i < workers; i++) {
                started.add(WorkerProcess.start(i, commandLine, protocol, stderrSink));
            }
            diagnostics.accept(workers + " worker JVM" + (workers == 1 ? "" : "s") + " started (pid "
                    + started.stream().map(w -> Long.toString(w.pid())).collect(Collectors.joining(", ")) + ")");
            // The task lines are prepared while the worker JVMs start (the first use of the protocol
            // sets up Jackson in this JVM, tens of milliseconds that now overlap their start).
            List<JsonNode> inputs = chunks.stream().map(chunk -> (JsonNode) protocol.mapper().valueToTree(chunk)).toList();
            List<CompletableFuture<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                WorkerProcess worker = started.get(i);
                JsonNode input = inputs.get(i);
                replies.add(worker.hello()
                        .orTimeout(HELLO_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                        .thenCompose(hello -> worker.submit(PiTask.class.getName(), input)));
            }
            CompletableFuture.allOf(started.stream().map(WorkerProcess::hello).toArray(CompletableFuture[]::new))
                    .thenRun(() -> diagnostics.accept("every worker JVM said hello; they are computing"));
            awaitAll(replies);
            List<Long> shutdownAt = new ArrayList<>();
            List<CompletableFuture<Arrival<Bye>>> byes = new ArrayList<>();
            for (WorkerProcess worker : started) {
                shutdownAt.add(System.nanoTime());
                byes.add(worker.shutdown());
            }
            awaitAll(byes);
            List<Long> exits = new ArrayList<>();
            for (WorkerProcess worker : started) {
                exits.add(worker.exitNanos().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            }
            long end = System.nanoTime();
            return result(samples, seed, started, replies, byes, shutdownAt, exits, end - t0);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof TimeoutException) {
                throw new RunFailedException("a worker JVM did not say hello within " + HELLO_TIMEOUT.toSeconds()
                        + " s (or did not exit within " + STOP_TIMEOUT.toSeconds() + " s of its bye)", cause);
            }
            throw new RunFailedException(cause.getMessage(), cause);
        } finally {
            started.forEach(WorkerProcess::close);
        }
    }

    private PiRun result(long samples, long seed, List<WorkerProcess> started, List<CompletableFuture<Reply>> replies,
                         List<CompletableFuture<Arrival<Bye>>> byes, List<Long> shutdownAt, List<Long> exits,
                         long wall) {
        List<WorkerTiming> timings = new ArrayList<>();
        long hits = 0;
        String kernel = null;
        for (int i = 0; i < started.size(); i++) {
            WorkerProcess worker = started.get(i);
            Arrival<Hello> hello = worker.hello().join();
            Reply reply = replies.get(i).join();
            PiCount count = count(worker, reply);
            hits += count.hits();
            kernel = count.kernel();
            long offset = clockOffset(worker.spawnNanos(), hello);
            long send = reply.result().receivedNanos() + offset - reply.sentNanos();
            long collect = reply.answeredNanos() - (reply.result().sentNanos() + offset);
            timings.add(new WorkerTiming(i, "pid " + worker.pid(), worker.pid(), hello.message().node(),
                    count.samples(), count.hits(), hello.atNanos() - worker.spawnNanos(), Math.max(0, send),
                    reply.result().computeNanos(), Math.max(0, collect), exits.get(i) - shutdownAt.get(i),
                    byes.get(i).join().message().peakRssKib()));
        }
        return new PiRun(Mode.PROCESS, samples, seed, hits, wall, kernel, timings, ProcessHandle.current().pid(),
                LauncherMemory.peakRssKib());
    }

    private PiCount count(WorkerProcess worker, Reply reply) {
        try {
            return protocol.payload(reply.result().output(), PiCount.class);
        } catch (JsonProcessingException e) {
            throw new WorkerException(worker.name() + " answered with a result that is not a pi count: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Converts the worker's {@link System#nanoTime()} to the launcher's. On one Linux host both
     * read the same monotonic clock, which shows as a hello stamped between spawn and arrival;
     * otherwise (another node) the hello's arrival is taken as its send time.
     */
    static long clockOffset(long spawnNanos, Arrival<Hello> hello) {
        long stamped = hello.message().nanoTime();
        return stamped >= spawnNanos && stamped <= hello.atNanos() ? 0 : hello.atNanos() - stamped;
    }

    private static <T> void awaitAll(List<CompletableFuture<T>> futures) throws ExecutionException, InterruptedException {
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
        for (CompletableFuture<T> future : futures) {
            future.whenComplete((value, failure) -> {
                if (failure != null) {
                    all.completeExceptionally(failure);
                }
            });
        }
        all.get();
    }

    private static Throwable unwrap(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
