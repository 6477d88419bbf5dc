package dev.jpool.pool;

import dev.jpool.task.Task;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A pool of workers shaped like Python's {@code multiprocessing.Pool}: the same operations with the
 * same meaning, over separate worker JVMs ({@link ProcessPool}) or threads in this JVM
 * ({@link ThreadPool}).
 *
 * <pre>{@code
 * try (Pool pool = new ProcessPool(4)) {
 *     List<Long> squares = pool.map(new Square(), List.of(1L, 2L, 3L));   // [1, 4, 9]
 * }
 * }</pre>
 *
 * <p>A task is an instance of a class implementing {@link Task}. A {@link ProcessPool} sends only
 * the task's class name and its inputs (as JSON) to the worker JVM, which makes its own instance,
 * so it refuses a plain lambda, and a task whose fields differ from a fresh instance's (naming the
 * field). A {@link dev.jpool.task.SerializableTask} (a lambda cast to one, or a class implementing
 * it) travels Java-serialized instead, its state and captures with it: Python's pickling. Both
 * pools refuse one whose captures cannot be serialized, so a task means the same on both.
 *
 * <p>Inputs are split into chunks of {@code chunksize} inputs, each sent to a worker as one
 * message; a chunk fails as a whole, as in Python. An exception thrown by a task reaches the
 * caller as a {@link TaskException} naming the task, the input and the worker; other chunks go on.
 * A worker that dies fails the chunk it was running with a {@link WorkerException}, and the pool
 * starts a new worker in its place. The {@link TaskException}'s cause is the task's own exception
 * (a {@link RemoteTraceback} of it from a worker JVM), so a printed stack trace shows the task's
 * frames.
 *
 * <p>A pool takes work until {@link #shutdown()}, {@link #close()} or {@link #terminate()}. After
 * that every operation that submits work ({@code map}, {@code starmap}, {@code apply}, {@code imap}
 * and their variants, even with no inputs at all) throws {@link IllegalStateException} before it
 * reads its inputs; a pool whose workers could not start throws the {@link WorkerException} saying
 * why. As in Python:
 *
 * <pre>{@code
 * Pool pool = new ProcessPool(4);
 * CompletableFuture<List<Long>> squares = pool.mapAsync(new Square(), inputs);
 * pool.shutdown();   // Python's close(): no new work, returns at once
 * ...                // squares still completes
 * pool.join();       // waits until the workers have exited
 * }</pre>
 */
public interface Pool extends AutoCloseable {
    /** Python's default chunksize for {@code map}: about four chunks per worker, at least one input each. */
    static int defaultChunksize(int inputs, int workers) {
        return Math.max(1, (inputs + 4 * workers - 1) / (4 * workers));
    }

    /** How many workers (JVMs or threads) the pool keeps. */
    int workers();

    /**
     * Completes when every worker started with the pool is up (and has run the initializer); fails
     * if one could not start. Handy to keep start-up out of a measurement.
     */
    CompletableFuture<Void> ready();

    /** Whether the pool no longer takes new work: after {@link #shutdown()}, {@link #close()} or {@link #terminate()}. */
    boolean isShutdown();

    /** Whether the pool takes no new work and every worker has exited: what {@link #join()} waits for. */
    boolean isTerminated();

    /**
     * Applies the task to every input and returns the outputs in input order, blocking until all
     * are done (Python's {@code map}). The inputs go out in chunks of Python's default size:
     * {@code ceil(n / (4 * workers))}.
     *
     * @throws TaskException   the first task failure
     * @throws WorkerException a worker died while running a chunk
     */
    <I, O> List<O> map(Task<I, O> task, Iterable<? extends I> inputs);

    /** {@link #map(Task, Iterable)} with {@code chunksize} inputs per message. */
    <I, O> List<O> map(Task<I, O> task, Iterable<? extends I> inputs, int chunksize);

    /**
     * Like {@link #map(Task, Iterable)} but returns at once; the future completes with the outputs
     * in input order, or fails as soon as one chunk fails (Python's {@code map_async}).
     */
    <I, O> CompletableFuture<List<O>> mapAsync(Task<I, O> task, Iterable<? extends I> inputs);

    /** {@link #mapAsync(Task, Iterable)} with {@code chunksize} inputs per message. */
    <I, O> CompletableFuture<List<O>> mapAsync(Task<I, O> task, Iterable<? extends I> inputs, int chunksize);

    /**
     * Python's {@code starmap}: each element of {@code argumentLists} holds the arguments of one
     * call, and becomes the task's input record by position. The task's input type must be a
     * record with one component per argument, e.g. {@code record Pow(long x, long y)}.
     */
    <I extends Record, O> List<O> starmap(Task<I, O> task, Iterable<? extends List<?>> argumentLists);

    /** {@link #starmap(Task, Iterable)} with {@code chunksize} argument lists per message. */
    <I extends Record, O> List<O> starmap(Task<I, O> task, Iterable<? extends List<?>> argumentLists, int chunksize);

    /** {@link #starmap(Task, Iterable)}, returning at once (Python's {@code starmap_async}). */
    <I extends Record, O> CompletableFuture<List<O>> starmapAsync(Task<I, O> task,
                                                                  Iterable<? extends List<?>> argumentLists);

    /** {@link #starmapAsync(Task, Iterable)} with {@code chunksize} argument lists per message. */
    <I extends Record, O> CompletableFuture<List<O>> starmapAsync(Task<I, O> task,
                                                                  Iterable<? extends List<?>> argumentLists,
                                                                  int chunksize);

    /** Runs one call and waits for it (Python's {@code apply}). */
    <I, O> O apply(Task<I, O> task, I input);

    /** Runs one call; the future completes with its output (Python's {@code apply_async}). */
    <I, O> CompletableFuture<O> applyAsync(Task<I, O> task, I input);

    /**
     * The outputs in input order, each available as soon as it and those before it are done
     * (Python's {@code imap}, chunksize 1). A failure is thrown when the stream reaches it.
     *
     * <p>Returns at once, and reads the inputs as the workers need them: at most
     * {@code 4 * workers()} chunks are submitted ahead of what the stream has handed out, so an
     * endless or lazily generated input runs in constant memory. An exception thrown by the
     * input's iterator comes out of the stream after the outputs of the inputs before it. The
     * stream is consumed by one thread; after {@link #shutdown()} the part of the input not yet
     * read is refused as new work (the stream throws {@link IllegalStateException}).
     */
    <I, O> Stream<O> imap(Task<I, O> task, Iterable<? extends I> inputs);

    /** {@link #imap(Task, Iterable)} with {@code chunksize} inputs per message. */
    <I, O> Stream<O> imap(Task<I, O> task, Iterable<? extends I> inputs, int chunksize);

    /**
     * The outputs in the order they complete (Python's {@code imap_unordered}, chunksize 1),
     * reading the inputs lazily as {@link #imap(Task, Iterable)} does.
     * Use {@link #imapUnorderedIndexed} to know which input each belongs to.
     */
    <I, O> Stream<O> imapUnordered(Task<I, O> task, Iterable<? extends I> inputs);

    /** {@link #imapUnordered(Task, Iterable)} with {@code chunksize} inputs per message. */
    <I, O> Stream<O> imapUnordered(Task<I, O> task, Iterable<? extends I> inputs, int chunksize);

    /** {@link #imapUnorderedIndexed(Task, Iterable, int)} with chunksize 1. */
    <I, O> Stream<Indexed<O>> imapUnorderedIndexed(Task<I, O> task, Iterable<? extends I> inputs);

    /**
     * Like {@link #imapUnordered(Task, Iterable, int)}, each output paired with its input's
     * position; a failed input is delivered as an {@link Indexed} holding its exception rather
     * than thrown, so the other results still arrive.
     */
    <I, O> Stream<Indexed<O>> imapUnorderedIndexed(Task<I, O> task, Iterable<? extends I> inputs, int chunksize);

    /**
     * No new work; work already submitted runs to its end; then the workers exit. Returns at once
     * (Python's {@code close()}); {@link #join()} waits for the workers. Safe to call twice.
     */
    void shutdown();

    /**
     * {@link #shutdown()} then {@link #join()}: returns when the work submitted has finished and
     * the workers have exited, so try-with-resources waits for everything. Safe to call twice.
     */
    @Override
    void close();

    /**
     * Waits until every worker has exited. Only after {@link #shutdown()}, {@link #close()} or
     * {@link #terminate()}.
     *
     * @throws IllegalStateException on a pool still running
     */
    void join();

    /** Ends the workers now; work not finished fails with a {@link PoolException}. */
    void terminate();

    /**
     * This pool as an {@link java.util.concurrent.ExecutorService} of serializable callables:
     * {@code submit}, {@code invokeAll}, {@code shutdown}, {@code awaitTermination}, {@code close},
     * each call one {@code apply} on the pool; see {@link PoolExecutor}.
     */
    PoolExecutor asExecutorService();
}
