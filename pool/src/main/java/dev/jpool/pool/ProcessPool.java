package dev.jpool.pool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.jpool.process.ClassDataArchive;
import dev.jpool.process.StartCache;
import dev.jpool.process.TaskFailedException;
import dev.jpool.process.WorkerCommandLine;
import dev.jpool.process.WorkerProcess;
import dev.jpool.protocol.OutputNotSendableException;
import dev.jpool.protocol.Protocol;
import dev.jpool.protocol.RawJson;
import dev.jpool.protocol.TaskFailure;
import dev.jpool.task.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * A pool of separate worker JVMs, started once and reused for many tasks, like Python's
 * {@code multiprocessing.Pool}.
 *
 * <p>Each worker is a JVM started with {@link ProcessBuilder} from this JVM's own {@code java}, with
 * a classpath made from where jpool's, Jackson's and the caller's classes are (this JVM's classpath,
 * the context class loader's, plus {@link ProcessPoolOptions#classpath()}), so a pool works from
 * {@code java -cp}, {@code mvn exec:java}, an IDE or a test runner alike; it runs one chunk at a time, chunks going to
 * whichever worker is free. Inputs and outputs cross the pipe as JSON (Jackson), so they must be
 * values Jackson can write and read back. A worker that dies fails the chunk it was running with a
 * {@link WorkerException} and is replaced; a worker that cannot even start (a bad JVM option, a
 * missing class) breaks the pool at once, with the worker's own words, instead of hanging.
 *
 * <p>Every worker JVM ends with the pool: on {@link #close()}, on {@link #terminate()}, when this
 * JVM exits or is interrupted, and, should this JVM be killed outright, by itself as soon as its
 * stdin closes.
 */
public final class ProcessPool extends AbstractPool {
    private enum State { RUNNING, CLOSED, TERMINATED }

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Watches running chunks for the task timeout, and starting workers for the hello timeout. Its
     * thread ends when nothing is scheduled (cancelled timeouts leave the queue), so a JVM that has
     * closed its pools holds no jpool thread: a container that waits for the threads it started
     * (mvn exec:java, an application server) is not kept waiting.
     */
    private static final ScheduledThreadPoolExecutor TIMER = timer();
    /** Chunks a worker may hold at once: the one it runs and one sent ahead. */
    private static final int AHEAD = 2;

    /** A worker JVM that has not said hello by then is taken for one that never will. */
    private static final long HELLO_TIMEOUT_SECONDS = 60;

    private final ProcessPoolOptions options;
    private final WorkerCommandLine commandLine;
    private final List<Path> workerClasspath;
    /** Task classes found sendable, and how to read each one's outputs: worked out once per class, not per call. */
    private final Map<Class<?>, ObjectReader> outputReaders = new ConcurrentHashMap<>();
    private final Protocol protocol = new Protocol();
    private final ObjectMapper mapper = protocol.mapper();
    private final Object lock = new Object();
    private final Deque<Job> queue = new ArrayDeque<>();
    private final List<Slot> slots = new ArrayList<>();
    private final List<Slot> everyWorker = new ArrayList<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final List<Retry> retries = new ArrayList<>();
    /** Completes when the pool stops taking work. */
    private final CompletableFuture<Void> shutDown = new CompletableFuture<>();
    private State state = State.RUNNING;
    private PoolException broken;
    private int nextIndex;
    /** Workers that have said hello (and run the initializer), replacements included. */
    private int hellos;
    /** Workers that died before their hello since the last hello: a start that keeps failing fails the pool. */
    private int deathsBeforeHello;

    /** A pool of {@code workers} worker JVMs with default options. */
    public ProcessPool(int workers) {
        this(ProcessPoolOptions.workers(workers));
    }

    /** A pool of worker JVMs with these options, and the process pool's defaults for the rest. */
    public ProcessPool(PoolOptions options) {
        this(ProcessPoolOptions.of(options));
    }

    /**
     * Starts the worker JVMs (returning before they are up; work submitted meanwhile waits).
     *
     * @throws WorkerException when a worker process cannot be started at all
     */
    public ProcessPool(ProcessPoolOptions options) {
        this.options = options;
        String classpath = workerClasspath(options);
        WorkerCommandLine self = WorkerCommandLine.ofThisJvm();
        WorkerCommandLine base = new WorkerCommandLine(self.java(), classpath, self.jvmOptions(),
                WorkerCommandLine.WORKER_MAIN).withJvmOptions(lineLimit()).withJvmOptions(options.jvmOptions());
        this.commandLine = (options.classDataArchive() ? startCache(options).apply(base) : base)
                .withPrefix(options.launchPrefix());
        this.workerClasspath = WorkerClasspath.entries(classpath);
        if (options.initializer() != null) {
            TaskCheck.requireSendable(options.initializer(), workerClasspath);
        }
        try {
            for (int i = 0; i < options.workers(); i++) {
                startWorker();
            }
        } catch (RuntimeException e) {
            terminate();
            throw e;
        }
    }

    /**
     * Refuses, with the reason, a task that a pool made with these options could not send to its
     * worker JVMs (a lambda, a class that is not public, a class not on the worker classpath).
     * A pool checks this itself on every call; this lets a caller check before starting one.
     *
     * @throws IllegalArgumentException saying why and what to do
     */
    public static void requireSendable(Task<?, ?> task, ProcessPoolOptions options) {
        List<Path> classpath = WorkerClasspath.entries(workerClasspath(options));
        if (TaskSerialization.travelsSerialized(task)) {
            TaskCheck.requireOnClasspath(task.getClass(), classpath);
            TaskSerialization.encode(task, "ProcessPool cannot send ");
        } else {
            TaskCheck.requireSendable(task, classpath);
        }
    }

    /** The launcher's line limit, for its workers to agree on one limit, where it is not the default. */
    private static List<String> lineLimit() {
        return Protocol.MAX_LINE_BYTES == Protocol.DEFAULT_MAX_LINE_BYTES ? List.of()
                : List.of("-D" + Protocol.MAX_LINE_PROPERTY + "=" + Protocol.MAX_LINE_BYTES);
    }

    private static String workerClasspath(ProcessPoolOptions options) {
        return WorkerClasspath.of(options.classpath());
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

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "jpool-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(1, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }

    /** {@code future}, or a {@link TimeoutException} if it is not done within {@code seconds}. */
    private static <T> CompletableFuture<T> within(CompletableFuture<T> future, long seconds) {
        CompletableFuture<T> timed = new CompletableFuture<>();
        ScheduledFuture<?> alarm = TIMER.schedule(() -> timed.completeExceptionally(new TimeoutException()),
                seconds, TimeUnit.SECONDS);
        future.whenComplete((value, failure) -> {
            alarm.cancel(false);
            if (failure == null) {
                timed.complete(value);
            } else {
                timed.completeExceptionally(failure);
            }
        });
        return timed;
    }

    @Override
    public int workers() {
        return options.workers();
    }

    /**
     * Completes when as many workers as the pool has have said hello (and run the initializer), a
     * replacement of one that died before its hello counting in its place; fails if the workers
     * could not start. Handy to keep JVM start out of a measurement.
     */
    @Override
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** Every worker JVM this pool has started so far, replacements included, and what each did. */
    public List<WorkerHistory> history() {
        synchronized (lock) {
            return everyWorker.stream().map(Slot::history).toList();
        }
    }

    /** The pids of the worker JVMs alive now. */
    public List<Long> pids() {
        synchronized (lock) {
            return slots.stream().map(slot -> slot.process.pid()).toList();
        }
    }

    /**
     * How the task travels, worked out once per call: by class name, the worker making a fresh
     * instance, when that means the same; else serialized, state and captures with it, when the
     * task is {@link java.io.Serializable}; else refused, saying why.
     */
    @Override
    <I, O> Task<I, O> prepare(Task<I, O> task) {
        if (task instanceof Sendable<I, O> already) {
            return already;
        }
        if (TaskSerialization.travelsSerialized(task)) {
            TaskCheck.requireOnClasspath(task.getClass(), workerClasspath);
            return new Sendable<>(task, TaskSerialization.encode(task, "ProcessPool cannot send "), outputReader(task));
        }
        ObjectReader outputs = outputReader(task);
        String difference = TaskState.difference(task);
        if (difference != null) {
            throw new IllegalArgumentException("ProcessPool cannot run this " + task.getClass().getName() + ": "
                    + difference + "; pass the value as part of the input instead, or make the task Serializable"
                    + " (implement dev.jpool.task.SerializableTask) so that its state travels with it");
        }
        return new Sendable<>(task, task.getClass().getName(), outputs);
    }

    /** A task as this call sends it: its class name or its serialized form, and how its outputs are read. */
    private record Sendable<I, O>(Task<I, O> task, String wire, ObjectReader outputs) implements Task<I, O> {
        @Override
        public O apply(I input) throws Exception {
            return task.apply(input);
        }
    }

    @Override
    void requireRunning() {
        synchronized (lock) {
            if (broken != null) {
                throw broken;
            }
            if (state != State.RUNNING) {
                throw notRunning(state.name().toLowerCase());
            }
        }
    }

    /** How to read the task's outputs, once it is known to be sendable (by name, unless it travels serialized). */
    private ObjectReader outputReader(Task<?, ?> task) {
        // the executor view's calls share one task class: their outputs are the callable's
        Class<?> key = task instanceof CallTask<?> call ? call.callable().getClass() : task.getClass();
        ObjectReader known = outputReaders.get(key);
        if (known != null) {
            return known;
        }
        if (!TaskSerialization.travelsSerialized(task)) {
            TaskCheck.requireSendable(task, workerClasspath);
        }
        ObjectReader outputs = mapper.readerFor(
                mapper.getTypeFactory().constructCollectionType(List.class, TaskTypes.output(task)));
        outputReaders.putIfAbsent(key, outputs);
        return outputs;
    }

    @Override
    <I, O> CompletableFuture<List<O>> submitChunk(Task<I, O> task, List<I> chunk, int first) {
        Sendable<I, O> sendable = (Sendable<I, O>) prepare(task);
        ObjectReader outputs = sendable.outputs();
        RawJson inputs = json(chunk, first);
        if (inputs.bytes() > Protocol.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("the chunk of " + chunk.size() + " inputs from #" + first + " is "
                    + inputs.bytes() + " bytes as JSON, more than one message to a worker JVM may carry ("
                    + Protocol.MAX_PAYLOAD_BYTES + " bytes): use a smaller chunksize, or " + Protocol.lineLimitAdvice());
        }
        Job job = new Job(sendable.task().getClass().getName(), sendable.wire(), inputs, chunk.size(), first, outputs);
        synchronized (lock) {
            if (broken != null) {
                throw broken;
            }
            if (state != State.RUNNING) {
                throw notRunning(state.name().toLowerCase());
            }
            queue.add(job);
        }
        dispatch();
        CompletableFuture<List<O>> result = job.reply.handle((reply, failure) -> {
            if (failure != null) {
                throw failureOf(job, failure);
            }
            RawJson answered = reply.result().outputs();
            try {
                return answered.<List<O>>read(outputs);
            } catch (IOException | RuntimeException e) {
                throw unreadable(job, answered, outputs, e);
            }
        });
        job.result = result;
        return result;
    }

    @Override
    void cancelChunk(CompletableFuture<?> chunk, boolean interrupt) {
        Job cancelled = null;
        Slot running = null;
        synchronized (lock) {
            for (Job job : queue) {
                if (job.result == chunk) {
                    cancelled = job;
                }
            }
            if (cancelled != null) {
                queue.remove(cancelled);
            }
            for (Slot slot : slots) {
                for (Job job : slot.jobs) {
                    if (job.result == chunk) {
                        job.cancelled = true;
                        cancelled = job;
                        running = interrupt && slot.jobs.peekFirst() == job ? slot : null; // one sent ahead just runs
                    }
                }
                if (running == slot) {
                    slot.jobs.forEach(job -> job.bystander = job.result != chunk);
                }
            }
        }
        if (cancelled != null) {
            cancelled.reply.completeExceptionally(new CancellationException("cancelled"));
        }
        if (running != null) {
            running.process.close(); // the worker is ended, and replaced as a dead one is
        }
    }

    @Override
    boolean awaitTermination(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        try {
            shutDown.get(nanos, TimeUnit.NANOSECONDS);
            while (true) {
                List<Slot> all;
                synchronized (lock) {
                    all = new ArrayList<>(everyWorker);
                }
                CompletableFuture.allOf(all.stream().map(slot -> slot.process.exitNanos()).toArray(CompletableFuture[]::new))
                        .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                synchronized (lock) {
                    if (everyWorker.size() == all.size()) {
                        return true;
                    }
                }
            }
        } catch (TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return isTerminated();
        }
    }

    /**
     * A chunk's outputs that do not read back as the task's declared output type: the first output
     * that does not fails its input, naming the type (CPython's MaybeEncodingError).
     */
    private PoolException unreadable(Job job, RawJson answered, ObjectReader outputs, Exception bulk) {
        String type = outputs.getValueType().getContentType().toCanonical();
        try {
            com.fasterxml.jackson.databind.JsonNode array = JSON.readTree(answered.json());
            ObjectReader one = mapper.readerFor(outputs.getValueType().getContentType());
            for (int i = 0; array.isArray() && i < array.size() && i < job.size; i++) {
                try {
                    one.readValue(array.get(i));
                } catch (IOException | RuntimeException e) {
                    String why = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
                    String message = "the output " + Protocol.cut(array.get(i).toString()) + " cannot be read back as "
                            + type + ", the task's declared output type: " + why;
                    return new TaskException(job.task, job.input(i), job.first + i, job.worker,
                            OutputNotSendableException.class.getName(), message, null,
                            new OutputNotSendableException(message, e));
                }
            }
        } catch (IOException | RuntimeException e) {
            bulk.addSuppressed(e);
        }
        return new PoolException(job.task + " answered " + Protocol.cut(answered.json()) + ", which is not a list of "
                + type + ": " + bulk.getMessage(), bulk);
    }

    /** The chunk as one JSON array in one pass; if that fails, the first input that cannot be written is named. */
    private <I> RawJson json(List<I> chunk, int first) {
        try {
            return protocol.json(chunk);
        } catch (JsonProcessingException bulk) {
            for (int i = 0; i < chunk.size(); i++) {
                try {
                    protocol.json(chunk.get(i));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("input #" + (first + i) + " (" + chunk.get(i)
                            + ") cannot be sent to a worker JVM as JSON: " + e.getOriginalMessage(), e);
                }
            }
            throw new IllegalArgumentException("the inputs cannot be sent to a worker JVM as JSON: "
                    + bulk.getOriginalMessage(), bulk);
        }
    }

    private PoolException failureOf(Job job, Throwable failure) {
        Throwable cause = poolException(failure);
        if (cause instanceof TaskFailedException remote) {
            TaskFailure f = remote.failure();
            boolean onInput = f.index() >= 0 && f.index() < job.size;
            return new TaskException(job.task, onInput ? job.input(f.index()) : null,
                    onInput ? job.first + f.index() : -1, remote.worker(), f.error(), f.message(), f.stackTrace(),
                    RemoteTraceback.of(f.error(), f.message(), f.stackTrace()));
        }
        return (PoolException) cause;
    }

    /** Hands queued jobs to idle workers; when closed and drained, lets the workers go. */
    private void dispatch() {
        List<Runnable> actions = new ArrayList<>();
        synchronized (lock) {
            // One chunk to every idle worker first; then, while more chunks wait than there are
            // workers still starting, a second one each, sent ahead so that a worker reads its next
            // chunk while it computes the current one.
            int starting = 0;
            for (Slot slot : slots) {
                starting += slot.ready ? 0 : 1;
            }
            // The first idle worker takes the next chunk: a single call (apply) then finds a worker
            // whose JVM is hot and awake (taking turns over the workers measured slower round trips).
            for (int depth = 1; depth <= AHEAD; depth++) {
                for (Slot slot : slots) {
                    boolean wanted = depth == 1 ? !queue.isEmpty() : queue.size() > starting;
                    if (wanted && slot.ready && slot.jobs.size() < depth && !slot.leaving && slot.mayTakeMore()) {
                        Job job = queue.poll();
                        slot.jobs.add(job);
                        actions.add(() -> run(slot, job));
                    }
                }
            }
            if (state == State.CLOSED && queue.isEmpty()) {
                for (Slot slot : slots) {
                    if (slot.jobs.isEmpty() && !slot.leaving) {
                        slot.leaving = true;
                        actions.add(slot.process::shutdown);
                    }
                }
            }
        }
        actions.forEach(Runnable::run);
    }

    private void run(Slot slot, Job job) {
        job.worker = slot.process.name();
        ChunkProgress progress = options.progress();
        slot.process.submit(job.wire, job.inputs, progress == null ? (done, total) -> { }
                        : (done, total) -> progress.progress(job.first, done, total), job.outputs, at -> watch(slot, job))
                .whenComplete((reply, failure) -> finished(slot, job, reply, failure));
    }

    private void finished(Slot slot, Job job, WorkerProcess.Reply reply, Throwable failure) {
        boolean recycle = false;
        boolean retry = false;
        boolean dispatched = false;
        Throwable outcome = failure;
        synchronized (lock) {
            boolean wasRunning = slot.jobs.peekFirst() == job;
            if (wasRunning) {
                slot.jobs.pollFirst(); // the usual case: a worker answers in order
            } else {
                slot.jobs.remove(job);
            }
            if (reply != null) {
                slot.chunksRun++;
                slot.timings.add(slot.timing(reply, job.first, job.size));
            }
            if (failure != null && !(poolException(failure) instanceof TaskFailedException)) {
                // The worker died (or was ended for taking too long): the chunk itself may be fine.
                WorkerException death = job.timedOut
                        ? new WorkerException(job.task + " timed out after " + seconds(options.taskTimeout()) + " in "
                                + slot.process.name() + ", which was ended", poolException(failure))
                        : (WorkerException) poolException(failure);
                outcome = death;
                if (wasRunning) {
                    job.attempts++;
                }
                if (job.cancelled) {
                    outcome = new CancellationException("cancelled");
                } else if (job.bystander && state != State.TERMINATED) {
                    job.bystander = false; // sent ahead to a worker ended for a cancel: not its fault, not a try
                    job.attempts -= wasRunning ? 1 : 0;
                    retry = true;
                    queue.addFirst(job);
                } else if (job.attempts <= options.retries() && state != State.TERMINATED) {
                    retry = true;
                    job.timedOut = false;
                    retries.add(new Retry(job.first, job.size, job.attempts, slot.process.name(), death.getMessage()));
                    queue.addFirst(job);
                }
            }
            if (options.maxTasksPerWorker() > 0 && slot.chunksRun >= options.maxTasksPerWorker()
                    && state != State.TERMINATED && !slot.leaving) {
                slot.leaving = true;
                recycle = true;
            }
        }
        if (retry) {
            if (options.diagnostics() != null) {
                options.diagnostics().accept("retrying " + (job.size == 1 ? "chunk #" + job.first
                        : "the chunk of inputs " + job.first + "-" + (job.first + job.size - 1)) + " (attempt "
                        + (job.attempts + 1) + " of " + (options.retries() + 1) + "): " + firstLine(outcome.getMessage()));
            }
        } else if (outcome == null) {
            if (!recycle) {
                dispatch(); // the worker's next chunk goes out before this one's outputs are read
                dispatched = true;
            }
            job.reply.complete(reply);
        } else {
            job.reply.completeExceptionally(job.attempts > 1
                    ? new WorkerException(outcome.getMessage() + " (chunk tried " + job.attempts + " times)", outcome)
                    : outcome);
        }
        if (recycle) {
            slot.process.shutdown();
            synchronized (lock) {
                recycle = state == State.RUNNING || !queue.isEmpty();
            }
            if (recycle) {
                startReplacement();
            }
        }
        if (!dispatched) {
            dispatch();
        }
    }

    /**
     * Ends the worker if {@code job}, which it has just started (its {@code started} line arrived:
     * the JVM's start, the worker's set-up and the wait behind its previous chunk do not count),
     * is still running after the task timeout.
     */
    private void watch(Slot slot, Job job) {
        if (options.taskTimeout() == null) {
            return;
        }
        TIMER.schedule(() -> {
            synchronized (lock) {
                if (slot.jobs.peekFirst() != job || job.reply.isDone() || state == State.TERMINATED) {
                    return;
                }
                job.timedOut = true;
            }
            slot.process.close();
        }, options.taskTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** Every chunk re-run so far: which, which attempt, on which worker it failed, and why. */
    public List<Retry> retries() {
        synchronized (lock) {
            return List.copyOf(retries);
        }
    }

    private Slot startWorker() {
        Slot slot;
        synchronized (lock) {
            WorkerProcess process = WorkerProcess.start(nextIndex++, commandLine, options.environment(), protocol,
                    options.workerStderr() != null ? options.workerStderr() : System.err::println);
            slot = new Slot(process, options.maxTasksPerWorker());
            slots.add(slot);
            everyWorker.add(slot);
        }
        CompletableFuture<?> hello = within(slot.process.hello(), HELLO_TIMEOUT_SECONDS);
        if (options.initializer() != null) {
            RawJson input = json(Collections.singletonList(options.initializerInput()), 0);
            hello = hello.thenCompose(h -> slot.process.submit(options.initializer().getClass().getName(), input));
        }
        slot.started = hello.whenComplete((ok, failure) -> {
            if (failure == null) {
                boolean allUp;
                synchronized (lock) {
                    slot.ready = true;
                    deathsBeforeHello = 0;
                    allUp = ++hellos == options.workers();
                }
                if (allUp) {
                    ready.complete(null);
                }
                dispatch();
            } else if (failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException) {
                failStart(new WorkerException(slot.process.name() + " did not say hello within " + HELLO_TIMEOUT_SECONDS
                        + " s of its spawn; it was ended"));
            } else if (poolException(failure) instanceof TaskFailedException initializer) {
                failStart(new WorkerException("the initializer " + options.initializer().getClass().getName()
                        + " failed in " + initializer.worker() + ": " + initializer.failure().error() + ": "
                        + initializer.failure().message(), initializer));
            }
            // a death before hello is handled where the channel ends
        });
        slot.process.ended().thenAccept(end -> ended(slot, end));
        return slot;
    }

    /** A worker's channel ended: a clean exit, a death to replace, or a start that failed. */
    private void ended(Slot slot, WorkerException end) {
        boolean replace = false;
        boolean startRetried = false;
        PoolException failedStart = null;
        synchronized (lock) {
            slots.remove(slot);
            boolean died = slot.process.diedUnexpectedly() && !slot.leaving && state != State.TERMINATED;
            if (died) {
                slot.death = end.getMessage();
            }
            Integer status = slot.process.exitStatus();
            if (died && !slot.ready && (status == null || status < 128 || ++deathsBeforeHello > options.retries())) {
                // A JVM that exits by itself before its hello (a bad option, a missing class) will do so every
                // time; one killed by a signal (SIGKILL, a crash) is replaced, as a worker that dies later is.
                failedStart = new WorkerException("a worker JVM could not start: " + end.getMessage()
                        + (status != null && status >= 128 ? " (" + deathsBeforeHello + " workers in a row died before their hello)" : ""), end);
            } else if (died && !slot.ready && (state == State.RUNNING || !queue.isEmpty())) {
                replace = true;
                startRetried = true;
            } else if (died && (state == State.RUNNING || !queue.isEmpty() || !slot.jobs.isEmpty())) {
                replace = true; // its chunks may come back for a retry even when the pool is closing
            }
        }
        if (failedStart != null) {
            failStart(failedStart);
            return;
        }
        if (startRetried && options.diagnostics() != null) {
            options.diagnostics().accept("starting another worker JVM in place of one that died before its hello: "
                    + firstLine(end.getMessage()));
        }
        if (replace) {
            startReplacement();
        }
        dispatch();
    }

    /** A worker never got going: another would fail the same way. Say why, now, to everyone waiting. */
    private void failStart(PoolException why) {
        PoolException first;
        synchronized (lock) {
            if (broken == null) {
                broken = why;
            }
            first = broken;
        }
        ready.completeExceptionally(first);
        terminate();
    }

    private void startReplacement() {
        synchronized (lock) {
            if (state == State.TERMINATED) {
                return;
            }
        }
        try {
            startWorker();
        } catch (WorkerException e) {
            failStart(e);
        }
    }

    @Override
    public void shutdown() {
        synchronized (lock) {
            if (state == State.RUNNING) {
                state = State.CLOSED;
            }
        }
        shutDown.complete(null);
        dispatch();
    }

    @Override
    public boolean isShutdown() {
        synchronized (lock) {
            return state != State.RUNNING;
        }
    }

    @Override
    public boolean isTerminated() {
        synchronized (lock) {
            return state != State.RUNNING && queue.isEmpty()
                    && everyWorker.stream().allMatch(slot -> slot.process.exitNanos().isDone());
        }
    }

    @Override
    public void join() {
        List<Slot> all;
        synchronized (lock) {
            if (state == State.RUNNING) {
                throw new IllegalStateException("join() waits for workers to exit: call shutdown(), close() or terminate() first");
            }
            all = new ArrayList<>(everyWorker);
        }
        for (Slot slot : all) {
            slot.process.exitNanos().join();
        }
        // Replacements started while the last ones were leaving are in everyWorker too.
        synchronized (lock) {
            if (everyWorker.size() != all.size()) {
                all = null;
            }
        }
        if (all == null) {
            join();
        }
    }

    @Override
    public void terminate() {
        List<Job> unfinished = new ArrayList<>();
        List<Slot> all;
        PoolException terminated;
        synchronized (lock) {
            state = State.TERMINATED;
            terminated = broken != null ? broken : new PoolException("the pool was terminated");
            unfinished.addAll(queue);
            queue.clear();
            all = new ArrayList<>(everyWorker);
            for (Slot slot : slots) {
                unfinished.addAll(slot.jobs);
            }
        }
        unfinished.forEach(job -> job.reply.completeExceptionally(terminated));
        shutDown.complete(null);
        all.forEach(slot -> slot.process.close());
    }

    /** One chunk waiting for, or running on, a worker. */
    private static final class Job {
        final String task;
        /** The task as the run message carries it: its class name, or the object serialized. */
        final String wire;
        final RawJson inputs;
        final int size;
        final int first;
        final ObjectReader outputs;
        final CompletableFuture<WorkerProcess.Reply> reply = new CompletableFuture<>();
        int attempts;
        boolean timedOut;
        /** The worker it was last sent to, for an error message. */
        volatile String worker;
        /** The chunk's outputs as submitChunk returned them: what a cancel names. */
        volatile CompletableFuture<?> result;
        /** Cancelled: not retried when its worker ends. */
        boolean cancelled;
        /** Sent ahead to a worker being ended for another chunk's cancel: to run again elsewhere. */
        boolean bystander;

        Job(String task, String wire, RawJson inputs, int size, int first, ObjectReader outputs) {
            this.task = task;
            this.wire = wire;
            this.inputs = inputs;
            this.size = size;
            this.first = first;
            this.outputs = outputs;
        }

        /** Input {@code index} of the chunk as JSON text, for an error message. */
        String input(int index) {
            try {
                return Protocol.cut(JSON.readTree(inputs.json()).get(index).toString());
            } catch (IOException | RuntimeException e) {
                return "#" + index;
            }
        }
    }

    /** One worker JVM and the pool's bookkeeping for it; guarded by the pool's lock. */
    private static final class Slot {
        final WorkerProcess process;
        final List<WorkerHistory.ChunkTiming> timings = new ArrayList<>();
        CompletableFuture<?> started;
        final Deque<Job> jobs = new ArrayDeque<>();
        boolean ready;
        boolean leaving;
        final int maxChunks;
        int chunksRun;
        String death;

        Slot(WorkerProcess process, int maxChunks) {
            this.process = process;
            this.maxChunks = maxChunks;
        }

        /** Whether another chunk may be sent before this worker reaches maxTasksPerWorker. */
        boolean mayTakeMore() {
            return maxChunks == 0 || chunksRun + jobs.size() < maxChunks;
        }

        WorkerHistory.ChunkTiming timing(WorkerProcess.Reply reply, int first, int inputs) {
            long offset = clockOffset();
            return new WorkerHistory.ChunkTiming(first, inputs, reply.sentNanos(), reply.result().receivedNanos() + offset,
                    reply.result().computeNanos(), reply.result().sentNanos() + offset, reply.answeredNanos());
        }

        /**
         * Converts the worker's {@link System#nanoTime()} to this JVM's. On one Linux host both
         * read the same monotonic clock, which shows as a hello stamped between spawn and arrival;
         * otherwise (another node) the hello's arrival is taken as its send time.
         */
        long clockOffset() {
            var hello = process.hello().getNow(null);
            if (hello == null) {
                return 0;
            }
            long stamped = hello.message().nanoTime();
            return stamped >= process.spawnNanos() && stamped <= hello.atNanos() ? 0 : hello.atNanos() - stamped;
        }

        WorkerHistory history() {
            var hello = process.hello().isDone() && !process.hello().isCompletedExceptionally()
                    ? process.hello().join() : null;
            var bye = process.bye().isDone() && !process.bye().isCompletedExceptionally() ? process.bye().join() : null;
            Long exit = process.exitNanos().isDone() ? process.exitNanos().join() : null;
            // The pid the worker JVM reports: the launcher's child is not the JVM when a prefix such as srun runs it.
            long pid = hello != null ? hello.message().pid() : process.pid();
            return new WorkerHistory(process.index(), pid, hello == null ? null : hello.message().node(),
                    hello == null ? null : hello.message().slurmStep(), process.spawnNanos(),
                    hello == null ? null : hello.atNanos(), timings, exit,
                    bye == null ? null : bye.message().peakRssKib(), death);
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "ProcessPool[" + options.workers() + " workers, " + state.name().toLowerCase() + ", pids " + pids() + "]";
        }
    }
}
