package dev.jpool.process;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.jpool.pool.WorkerException;
import dev.jpool.protocol.Bye;
import dev.jpool.protocol.Hello;
import dev.jpool.protocol.LineReader;
import dev.jpool.protocol.LineWriter;
import dev.jpool.protocol.Message;
import dev.jpool.protocol.Protocol;
import dev.jpool.protocol.ProtocolException;
import dev.jpool.protocol.RawJson;
import dev.jpool.protocol.RunTask;
import dev.jpool.protocol.SerializedTask;
import dev.jpool.protocol.Shutdown;
import dev.jpool.task.TaskProgress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One started worker JVM. This class alone owns the process: it writes its stdin, reads its
 * stdout (the protocol) and its stderr (passed on, prefixed, and its tail kept), and turns the
 * process's death or a bad line into a {@link WorkerException} that fails every future still
 * waiting on this worker. Nothing blocks forever on a dead worker.
 */
public final class WorkerProcess implements AutoCloseable {
    private static final int STDERR_TAIL_LINES = 12;
    private static final Duration EXIT_AFTER_EOF = Duration.ofSeconds(2);
    private static final Duration EXIT_AFTER_BAD_START = Duration.ofMillis(500);

    /** A message and the launcher's {@link System#nanoTime()} when it arrived. */
    public record Arrival<T>(T message, long atNanos) {
    }

    private final int index;
    private final Process process;
    private final long spawnNanos;
    private final Protocol protocol;
    private final LineWriter stdin;
    private final StderrTail stderrTail;
    private final Thread stdoutThread;
    private final Thread stderrThread;
    private final CompletableFuture<Arrival<Hello>> hello = new CompletableFuture<>();
    private final CompletableFuture<Arrival<Bye>> bye = new CompletableFuture<>();
    private final CompletableFuture<Long> exitNanos;
    private final CompletableFuture<WorkerException> ended = new CompletableFuture<>();
    /** Set before {@link #ended} completes: whether the channel ended with a bye and nothing pending. */
    private volatile boolean endedCleanly;
    private final PendingTasks pending;
    private final AtomicLong ids = new AtomicLong();

    private WorkerProcess(int index, Process process, long spawnNanos, Protocol protocol, Consumer<String> stderrSink,
                          List<String> startupNotices) {
        this.index = index;
        this.process = process;
        this.spawnNanos = spawnNanos;
        this.protocol = protocol;
        this.stderrTail = new StderrTail(STDERR_TAIL_LINES, "[worker " + index + " pid " + process.pid() + "] ", stderrSink,
                startupNotices);
        this.stdin = new LineWriter(process.getOutputStream());
        this.pending = new PendingTasks(name());
        this.exitNanos = LiveProcesses.watch(process);
        this.stderrThread = daemon("jpool-worker-" + index + "-stderr",
                () -> stderrTail.drain(process.getErrorStream()));
        this.stdoutThread = daemon("jpool-worker-" + index + "-stdout", this::readStdout);
    }

    /**
     * Starts a worker JVM. Returns at once; its hello arrives on {@link #hello()}.
     *
     * @param stderrSink receives each line the worker writes on stderr, already prefixed with its id
     * @throws WorkerException when the process cannot be started at all (e.g. no such java)
     */
    public static WorkerProcess start(int index, WorkerCommandLine commandLine, Protocol protocol,
                                      Consumer<String> stderrSink) {
        return start(index, commandLine, Map.of(), protocol, stderrSink);
    }

    /** As {@link #start(int, WorkerCommandLine, Protocol, Consumer)}, with extra environment variables. */
    public static WorkerProcess start(int index, WorkerCommandLine commandLine, Map<String, String> environment,
                                      Protocol protocol, Consumer<String> stderrSink) {
        long spawn = System.nanoTime();
        try {
            ProcessBuilder builder = new ProcessBuilder(commandLine.command());
            builder.environment().putAll(environment);
            Process process = WorkerSpawners.start(commandLine, environment, builder);
            return new WorkerProcess(index, process, spawn, protocol, stderrSink, commandLine.startupNotices());
        } catch (IOException e) {
            throw new WorkerException("cannot start worker " + index + " with '" + commandLine.java() + "': "
                    + e.getMessage(), e);
        }
    }

    public int index() {
        return index;
    }

    public long pid() {
        return process.pid();
    }

    /** The launcher's clock just before the process was spawned. */
    public long spawnNanos() {
        return spawnNanos;
    }

    /** "worker 0 (pid 1234)": how errors and stderr name this worker. */
    public String name() {
        return "worker " + index + " (pid " + process.pid() + ")";
    }

    /** Completes when the worker says hello; fails if it dies or misbehaves first. */
    public CompletableFuture<Arrival<Hello>> hello() {
        return hello;
    }

    /** Completes when the worker says bye after {@link #shutdown()}. */
    public CompletableFuture<Arrival<Bye>> bye() {
        return bye;
    }

    /**
     * Completes when the channel has ended, with what ended it: a clean exit after bye, or a
     * death (whose message names the worker, its exit status and its stderr).
     */
    public CompletableFuture<WorkerException> ended() {
        return ended;
    }

    /** Whether the channel ended without a bye: the worker died or misbehaved. */
    public boolean diedUnexpectedly() {
        return ended.isDone() && !endedCleanly;
    }

    /** The launcher's clock when the process was seen to exit. */
    public CompletableFuture<Long> exitNanos() {
        return exitNanos;
    }

    /**
     * Sends one task on a batch of inputs. The future completes with the worker's {@link Answer}:
     * its outputs, or what the task threw; it fails (a {@link WorkerException}) only if the worker
     * dies or misbehaves first.
     */
    public CompletableFuture<Answer> submit(String task, RawJson inputs) {
        return submit(task, inputs, (done, total) -> { }, null, at -> { });
    }

    /**
     * As {@link #submit(String, RawJson)}, telling the caller, on this worker's reader thread until
     * the answer: each of the task's {@code progress} lines; when the worker has begun to run it (the
     * launcher's {@link System#nanoTime()} as it sent the task, or as the answer before it arrived:
     * see {@link PendingTasks}), on the caller's thread or the reader's; and,
     * when {@code outputs} is not null, reading the answer's outputs with it as its line is decoded
     * (see {@link RawJson#read}), one pass over them instead of two.
     */
    public CompletableFuture<Answer> submit(String task, RawJson inputs, TaskProgress.Listener progress,
                                            ObjectReader outputs, LongConsumer started) {
        long id = ids.incrementAndGet();
        CompletableFuture<Answer> answer = pending.add(id, SerializedTask.is(task) ? "a serialized task" : task,
                System.nanoTime(), progress, outputs, started);
        if (ended.isDone()) {
            pending.fail(id, ended.join());
            return answer;
        }
        try {
            send(new RunTask(Protocol.VERSION, id, task, inputs));
        } catch (IOException e) {
            // A broken pipe: the worker is gone. The stdout reader reports why and fails the answer.
        }
        return answer;
    }

    /** Asks the worker to finish and exit; it answers with a bye, then exits. */
    public CompletableFuture<Arrival<Bye>> shutdown() {
        try {
            send(new Shutdown(Protocol.VERSION));
            stdin.close();
        } catch (IOException e) {
            // Already gone: the bye future is failed by the stdout reader.
        }
        return bye;
    }

    /** Waits for the process to exit; true if it did within the timeout. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process's exit status once it has exited (128 + the signal when a signal ended it), else null. */
    public Integer exitStatus() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** Ends the worker now if it is still running (and any process it started), then waits. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            stdoutThread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(Message message) throws IOException {
        stdin.send(message);
    }

    private void readStdout() {
        LineReader lines = new LineReader(process.getInputStream(), Protocol.MAX_LINE_BYTES);
        List<String> stray = new ArrayList<>();
        String problem = null;
        try {
            byte[] bytes;
            while (problem == null && (bytes = lines.readLineBytes()) != null) {
                long at = System.nanoTime();
                try {
                    problem = dispatch(protocol.decode(bytes, pending.nextOutputs()), at);
                } catch (ProtocolException e) {
                    problem = "wrote a line that is not jpool protocol: " + e.getMessage();
                    stray.add(new String(bytes, StandardCharsets.UTF_8));
                }
            }
            String line;
            if (problem != null && !hello.isDone() && exitsSoon()) {
                // A JVM that cannot start (a bad option, say) prints its error on stdout and exits:
                // report that exit and everything it said, not the first line as bad protocol.
                problem = null;
                while (stray.size() < STDERR_TAIL_LINES && (line = lines.readLine()) != null) {
                    stray.add(line);
                }
            }
        } catch (LineReader.LineTooLongException e) {
            problem = "wrote a " + e.getMessage();
        } catch (IOException e) {
            problem = "broke its output stream: " + e.getMessage();
        }
        if (problem != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        channelEnded(problem, stray);
    }

    private boolean exitsSoon() {
        try {
            return process.waitFor(EXIT_AFTER_BAD_START.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Routes one message; returns a problem description if it does not belong here. */
    private String dispatch(Message message, long at) {
        if (message instanceof Hello h && !hello.isDone()) {
            hello.complete(new Arrival<>(h, at));
        } else if (pending.route(message, at)) {
            return null;
        } else if (message instanceof Bye b && !bye.isDone()) {
            bye.complete(new Arrival<>(b, at));
        } else {
            return "wrote an unexpected message: " + protocol.encode(message);
        }
        return null;
    }

    private void channelEnded(String problem, List<String> stray) {
        Integer exit = null;
        try {
            if (process.waitFor(EXIT_AFTER_EOF.toMillis(), TimeUnit.MILLISECONDS)) {
                exit = process.exitValue();
            }
            stderrThread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean clean = problem == null && bye.isDone() && pending.isEmpty();
        WorkerException end = new WorkerException(name() + " " + (clean ? "has exited" : describeEnd(problem, exit, stray)));
        endedCleanly = clean;
        ended.complete(end);
        if (clean) {
            return;
        }
        hello.completeExceptionally(end);
        bye.completeExceptionally(end);
        pending.failAll(end);
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private String describeEnd(String problem, Integer exit, List<String> stray) {
        StringBuilder why = new StringBuilder();
        if (problem != null) {
            why.append(problem);
        } else if (exit == null) {
            why.append("closed its output but did not exit");
        } else {
            why.append(ExitStatus.describe(exit));
        }
        if (!hello.isDone()) {
            why.append(", before saying hello");
        } else if (!pending.isEmpty()) {
            why.append(", while running ").append(pending.oldest());
        }
        if (problem == null && !stray.isEmpty()) {
            why.append("; it wrote on stdout:");
            stray.forEach(line -> why.append(System.lineSeparator()).append("    ").append(Protocol.cut(line)));
        }
        List<String> tail = stderrTail.lines();
        if (tail.isEmpty()) {
            why.append("; it wrote nothing on stderr");
        } else {
            why.append("; its stderr ended with:");
            tail.forEach(line -> why.append(System.lineSeparator()).append("    ").append(line));
        }
        return why.toString();
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
