package dev.jpool.process;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.jpool.host.ProcessTree;
import dev.jpool.pool.WorkerException;
import dev.jpool.protocol.Bye;
import dev.jpool.protocol.Hello;
import dev.jpool.protocol.LineReader;
import dev.jpool.protocol.LineWriter;
import dev.jpool.protocol.Message;
import dev.jpool.protocol.Progress;
import dev.jpool.protocol.Protocol;
import dev.jpool.protocol.ProtocolException;
import dev.jpool.protocol.RawJson;
import dev.jpool.protocol.RunTask;
import dev.jpool.protocol.SerializedTask;
import dev.jpool.protocol.Shutdown;
import dev.jpool.protocol.TaskFailure;
import dev.jpool.protocol.TaskResult;
import dev.jpool.protocol.TaskStarted;
import dev.jpool.task.TaskProgress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
    /**
     * Every live worker, ended with what it started when the launcher's JVM shuts down (Ctrl-C,
     * SIGTERM, exit): SIGTERM, then SIGKILL after a short grace, so that a stopped worker goes too.
     */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> ProcessTree.end(LIVE.stream().map(Process::toHandle).toList()), "jpool-worker-reaper"));
    }
    private static final int STDERR_TAIL_LINES = 12;
    private static final int STDERR_LINE_BYTES = 16 * 1024;
    private static final Duration EXIT_AFTER_EOF = Duration.ofSeconds(2);
    private static final Duration EXIT_AFTER_BAD_START = Duration.ofMillis(500);

    /** A message and the launcher's {@link System#nanoTime()} when it arrived. */
    public record Arrival<T>(T message, long atNanos) {
    }

    /** A task's result, with the launcher's clock when it was sent and when its answer arrived. */
    public record Reply(TaskResult result, long sentNanos, long answeredNanos) {
    }

    private record Pending(String task, CompletableFuture<Reply> reply, long sentNanos, TaskProgress.Listener progress,
                           ObjectReader outputs, LongConsumer started) {
    }

    private final int index;
    private final Process process;
    private final long spawnNanos;
    private final Protocol protocol;
    private final LineWriter stdin;
    private final StderrTail stderrTail = new StderrTail(STDERR_TAIL_LINES);
    private final Consumer<String> stderrSink;
    private final List<String> startupNotices;
    private final Thread stdoutThread;
    private final Thread stderrThread;
    private final CompletableFuture<Arrival<Hello>> hello = new CompletableFuture<>();
    private final CompletableFuture<Arrival<Bye>> bye = new CompletableFuture<>();
    private final CompletableFuture<Long> exitNanos;
    private final CompletableFuture<WorkerException> ended = new CompletableFuture<>();
    /** Set before {@link #ended} completes: whether the channel ended with a bye and nothing pending. */
    private volatile boolean endedCleanly;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private WorkerProcess(int index, Process process, long spawnNanos, Protocol protocol, Consumer<String> stderrSink,
                          List<String> startupNotices) {
        this.index = index;
        this.startupNotices = new ArrayList<>(startupNotices);
        this.process = process;
        this.spawnNanos = spawnNanos;
        this.protocol = protocol;
        this.stderrSink = stderrSink;
        this.stdin = new LineWriter(process.getOutputStream());
        LIVE.add(process);
        this.exitNanos = process.onExit().thenApply(p -> {
            LIVE.remove(p);
            return System.nanoTime();
        });
        this.stderrThread = daemon("jpool-worker-" + index + "-stderr", this::drainStderr);
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
     * Sends one task on a batch of inputs. The future fails with a {@link TaskFailedException} if
     * the task threw, and with a {@link WorkerException} if the worker dies first.
     */
    public CompletableFuture<Reply> submit(String task, RawJson inputs) {
        return submit(task, inputs, (done, total) -> { });
    }

    /**
     * As {@link #submit(String, RawJson)}; the worker's {@code progress} lines for it go to
     * {@code progress}, on this worker's reader thread, until the reply completes.
     */
    public CompletableFuture<Reply> submit(String task, RawJson inputs, TaskProgress.Listener progress) {
        return submit(task, inputs, progress, null);
    }

    /**
     * As {@link #submit(String, RawJson, TaskProgress.Listener)}, saying how the outputs will be
     * read: the answer's outputs are then read with {@code outputs} as its line is decoded (see
     * {@link RawJson#read}), one pass over them instead of two.
     */
    public CompletableFuture<Reply> submit(String task, RawJson inputs, TaskProgress.Listener progress,
                                           ObjectReader outputs) {
        return submit(task, inputs, progress, outputs, at -> { });
    }

    /**
     * As {@link #submit(String, RawJson, TaskProgress.Listener, ObjectReader)}; {@code started}
     * hears, on this worker's reader thread, the launcher's {@link System#nanoTime()} when the
     * worker's {@code started} line for this task arrived: the worker has begun to run it.
     */
    public CompletableFuture<Reply> submit(String task, RawJson inputs, TaskProgress.Listener progress,
                                           ObjectReader outputs, LongConsumer started) {
        long id = ids.incrementAndGet();
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        long sent = System.nanoTime();
        pending.put(id, new Pending(SerializedTask.is(task) ? "a serialized task" : task, reply, sent, progress, outputs,
                started));
        if (ended.isDone()) {
            pending.remove(id);
            reply.completeExceptionally(ended.join());
            return reply;
        }
        try {
            send(new RunTask(Protocol.VERSION, id, task, inputs));
        } catch (IOException e) {
            // A broken pipe: the worker is gone. The stdout reader reports why and fails the reply.
        }
        return reply;
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
                    problem = dispatch(protocol.decode(bytes, nextOutputs()), at);
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

    /** How the next answer's outputs will be read: the worker answers its tasks in the order they were sent. */
    private ObjectReader nextOutputs() {
        long oldest = Long.MAX_VALUE;
        ObjectReader outputs = null;
        for (Map.Entry<Long, Pending> entry : pending.entrySet()) {
            if (entry.getKey() < oldest) {
                oldest = entry.getKey();
                outputs = entry.getValue().outputs();
            }
        }
        return outputs;
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
        } else if (message instanceof TaskStarted t && pending.containsKey(t.id())) {
            pending.get(t.id()).started().accept(at);
        } else if (message instanceof Progress p && pending.containsKey(p.id())) {
            pending.get(p.id()).progress().progress(p.done(), p.total());
        } else if (message instanceof TaskResult r && pending.containsKey(r.id())) {
            Pending p = pending.remove(r.id());
            p.reply().complete(new Reply(r, p.sentNanos(), at));
        } else if (message instanceof TaskFailure f && pending.containsKey(f.id())) {
            Pending p = pending.remove(f.id());
            p.reply().completeExceptionally(new TaskFailedException(name(), p.task(), f));
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
        for (Long id : List.copyOf(pending.keySet())) {
            Pending p = pending.remove(id);
            if (p != null) {
                p.reply().completeExceptionally(end);
            }
        }
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
            Pending first = pending.values().iterator().next();
            why.append(", while running ").append(first.task());
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

    private void drainStderr() {
        LineReader lines = new LineReader(process.getErrorStream(), STDERR_LINE_BYTES);
        String prefix = "[worker " + index + " pid " + process.pid() + "] ";
        while (true) {
            String line;
            try {
                line = lines.readLine();
            } catch (LineReader.LineTooLongException e) {
                line = "(" + e.getMessage() + ")";
            } catch (IOException e) {
                return;
            }
            if (line == null) {
                return;
            }
            if (startupNotices.remove(line)) {
                continue; // e.g. the incubator module warning: jpool asked for the module, once per worker
            }
            stderrTail.add(line);
            stderrSink.accept(prefix + line);
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
