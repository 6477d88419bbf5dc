package dev.jpool.pool;

import dev.jpool.task.Task;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The operations of {@link Pool}, written once over one primitive, submitting a chunk, so that the
 * process and thread pools differ only in where a chunk runs. As in CPython, ordered and
 * completion-ordered results are a matter of how chunks are collected, not of the workers.
 */
abstract class AbstractPool implements Pool {

    /**
     * Submits one chunk; {@code chunk.get(i)} is input number {@code first + i} of the call, which
     * messages call {@code names.apply(first + i)} (see {@link NamedInputs}).
     */
    abstract <I, O> CompletableFuture<List<O>> submitChunk(Task<I, O> task, List<I> chunk, int first,
                                                           IntFunction<String> names);

    /**
     * Refuses a task this pool cannot run, before anything is sent; else the task as
     * {@link #submitChunk} takes it for this call (a process pool works out once per call how
     * it travels).
     */
    abstract <I, O> Task<I, O> prepare(Task<I, O> task);

    /** Throws {@link IllegalStateException} (or the reason the pool broke) unless the pool takes new work. */
    abstract void requireRunning();

    /** The message of the refusal of a call on a pool that is not running. */
    static IllegalStateException notRunning(String state) {
        return new IllegalStateException("the pool is " + state + ": it takes no new work");
    }

    @Override
    public void close() {
        shutdown();
        join();
    }

    @Override
    public PoolExecutor asExecutorService() {
        return new PoolExecutor(this);
    }

    /**
     * Cancels a chunk {@link #submitChunk} returned: one still queued is dropped; one running, if
     * {@code interrupt}, is ended with what runs it (a worker JVM, replaced; a thread, interrupted).
     * Its future fails with a {@link java.util.concurrent.CancellationException}.
     */
    abstract void cancelChunk(CompletableFuture<?> chunk, boolean interrupt);

    /** Waits, at most {@code nanos}, until the pool is shut down and every worker has exited. */
    abstract boolean awaitTermination(long nanos) throws InterruptedException;

    @Override
    public <I, O> List<O> map(Task<I, O> task, Iterable<? extends I> inputs) {
        return await(mapAsync(task, inputs));
    }

    @Override
    public <I, O> List<O> map(Task<I, O> task, Iterable<? extends I> inputs, int chunksize) {
        return await(mapAsync(task, inputs, chunksize));
    }

    @Override
    public <I, O> CompletableFuture<List<O>> mapAsync(Task<I, O> task, Iterable<? extends I> inputs) {
        requireRunning();
        List<I> all = list(inputs);
        return inOrder(submitAll(task, all, Pool.defaultChunksize(all.size(), workers()), NamedInputs.namesOf(inputs)));
    }

    @Override
    public <I, O> CompletableFuture<List<O>> mapAsync(Task<I, O> task, Iterable<? extends I> inputs, int chunksize) {
        requireRunning();
        return inOrder(submitAll(task, list(inputs), chunksize, NamedInputs.namesOf(inputs)));
    }

    @Override
    public <I extends Record, O> List<O> starmap(Task<I, O> task, Iterable<? extends List<?>> argumentLists) {
        return await(starmapAsync(task, argumentLists));
    }

    @Override
    public <I extends Record, O> List<O> starmap(Task<I, O> task, Iterable<? extends List<?>> argumentLists,
                                                 int chunksize) {
        return await(starmapAsync(task, argumentLists, chunksize));
    }

    @Override
    public <I extends Record, O> CompletableFuture<List<O>> starmapAsync(Task<I, O> task,
                                                                         Iterable<? extends List<?>> argumentLists) {
        Objects.requireNonNull(task, "task");
        requireRunning();
        return mapAsync(task, StarArguments.toRecords(task, list(argumentLists)));
    }

    @Override
    public <I extends Record, O> CompletableFuture<List<O>> starmapAsync(Task<I, O> task,
                                                                         Iterable<? extends List<?>> argumentLists,
                                                                         int chunksize) {
        Objects.requireNonNull(task, "task");
        requireRunning();
        return mapAsync(task, StarArguments.toRecords(task, list(argumentLists)), chunksize);
    }

    @Override
    public <I, O> O apply(Task<I, O> task, I input) {
        return await(applyAsync(task, input));
    }

    @Override
    public <I, O> CompletableFuture<O> applyAsync(Task<I, O> task, I input) {
        Objects.requireNonNull(task, "task");
        requireRunning();
        Task<I, O> prepared = prepare(task);
        List<I> one = new ArrayList<>(1);
        one.add(input);
        // Collected as a map's chunks are: a call is a map of one, down to the code the JIT compiles
        // for it, so that many calls leave it compiled for the maps that follow.
        return inOrder(List.of(submitChunk(prepared, one, 0, NamedInputs.namesOf(one)))).thenApply(outputs -> outputs.get(0));
    }

    @Override
    public <I, O> Stream<O> imap(Task<I, O> task, Iterable<? extends I> inputs) {
        return imap(task, inputs, 1);
    }

    @Override
    public <I, O> Stream<O> imap(Task<I, O> task, Iterable<? extends I> inputs, int chunksize) {
        Task<I, O> prepared = checkCall(task, inputs, chunksize);
        IntFunction<String> names = NamedInputs.namesOf(inputs);
        return LazyMap.<I, O>ordered(inputs, chunksize, lookAhead(),
                (chunk, first) -> submitChunk(prepared, chunk, first, names));
    }

    @Override
    public <I, O> Stream<O> imapUnordered(Task<I, O> task, Iterable<? extends I> inputs) {
        return imapUnordered(task, inputs, 1);
    }

    @Override
    public <I, O> Stream<O> imapUnordered(Task<I, O> task, Iterable<? extends I> inputs, int chunksize) {
        return imapUnorderedIndexed(task, inputs, chunksize).map(result -> {
            if (!result.ok()) {
                throw result.failure();
            }
            return result.value();
        });
    }

    @Override
    public <I, O> Stream<Indexed<O>> imapUnorderedIndexed(Task<I, O> task, Iterable<? extends I> inputs) {
        return imapUnorderedIndexed(task, inputs, 1);
    }

    @Override
    public <I, O> Stream<Indexed<O>> imapUnorderedIndexed(Task<I, O> task, Iterable<? extends I> inputs,
                                                         int chunksize) {
        Task<I, O> prepared = checkCall(task, inputs, chunksize);
        IntFunction<String> names = NamedInputs.namesOf(inputs);
        return LazyMap.<I, O>unordered(inputs, chunksize, lookAhead(),
                (chunk, first) -> submitChunk(prepared, chunk, first, names));
    }

    /** How many chunks a lazy map keeps submitted ahead of the caller: enough for every worker to hold two. */
    int lookAhead() {
        return 4 * workers();
    }

    /** Everything a call is refused for, before any input is read. */
    private <I, O> Task<I, O> checkCall(Task<I, O> task, Iterable<?> inputs, int chunksize) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(inputs, "inputs");
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1, was " + chunksize);
        }
        requireRunning();
        return prepare(task);
    }

    private <I, O> List<CompletableFuture<List<O>>> submitAll(Task<I, O> task, List<I> inputs, int chunksize,
                                                              IntFunction<String> names) {
        Objects.requireNonNull(task, "task");
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1, was " + chunksize);
        }
        requireRunning();
        Task<I, O> prepared = prepare(task);
        List<CompletableFuture<List<O>>> chunks = new ArrayList<>();
        for (int first = 0; first < inputs.size(); first += chunksize) {
            // a list of its own, like the one of a single call: one list class through the chunk's code
            List<I> chunk = new ArrayList<>(inputs.subList(first, Math.min(inputs.size(), first + chunksize)));
            chunks.add(submitChunk(prepared, chunk, first, names));
        }
        return chunks;
    }

    /** All chunks' outputs in order; fails as soon as any chunk fails, as Python's map_async does. */
    private static <O> CompletableFuture<List<O>> inOrder(List<CompletableFuture<List<O>>> chunks) {
        CompletableFuture<List<O>> all = new CompletableFuture<>();
        AtomicInteger left = new AtomicInteger(chunks.size());
        if (chunks.isEmpty()) {
            all.complete(List.of());
        }
        for (CompletableFuture<List<O>> chunk : chunks) {
            chunk.whenComplete((outputs, failure) -> {
                if (failure != null) {
                    all.completeExceptionally(poolException(failure));
                } else if (left.decrementAndGet() == 0) {
                    int size = 0;
                    for (CompletableFuture<List<O>> c : chunks) {
                        size += c.join().size();
                    }
                    List<O> flat = new ArrayList<>(size);
                    for (CompletableFuture<List<O>> c : chunks) {
                        flat.addAll(c.join());
                    }
                    all.complete(flat);
                }
            });
        }
        return all;
    }

    private static <T> List<T> list(Iterable<? extends T> items) {
        Objects.requireNonNull(items, "inputs");
        if (items instanceof Collection<? extends T> collection) {
            return new ArrayList<>(collection); // one array copy, not an add per item
        }
        List<T> list = new ArrayList<>();
        items.forEach(list::add);
        return list;
    }

    static <T> T take(BlockingQueue<T> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PoolException("interrupted while waiting for results", e);
        }
    }

    /** Waits for a future; its failure is thrown as the pool exception it is. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw poolException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PoolException("interrupted while waiting for results", e);
        }
    }

    static PoolException poolException(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof PoolException pool ? pool : new PoolException(String.valueOf(cause.getMessage()), cause);
    }

    /** The first line of a message, for a diagnostic line. */
    static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
