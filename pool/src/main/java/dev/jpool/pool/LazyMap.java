package dev.jpool.pool;

import dev.jpool.task.Task;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * {@code imap} and {@code imapUnordered} over an input read as the workers need it: at most
 * {@code window} chunks are submitted and not yet taken by the caller, so an endless or lazily
 * generated input runs in constant memory. The first window goes out when the call is made; each
 * further chunk is read from the input when the caller has taken a chunk's results. An exception
 * from the input's iterator arrives in the stream after the results of the inputs before it.
 *
 * <p>The input's iterator is only used by one thread at a time: the caller's, or the one that
 * consumes the stream.
 */
final class LazyMap<I, O> {
    /** Submits one chunk whose first input is number {@code first} of the call. */
    interface Submit<I, O> extends BiFunction<List<I>, Integer, CompletableFuture<List<O>>> {
    }

    /** One submitted chunk; in an unordered map, how many of its results the caller has yet to take. */
    private static final class Chunk<O> {
        final int first;
        final int size;
        final CompletableFuture<List<O>> outputs;
        int untaken;

        Chunk(int first, int size, CompletableFuture<List<O>> outputs) {
            this.first = first;
            this.size = size;
            this.outputs = outputs;
            this.untaken = size;
        }
    }

    private final Iterator<? extends I> inputs;
    private final int chunksize;
    private final int window;
    private final Submit<I, O> submit;
    private final boolean ordered;
    /** Submitted chunks whose results the caller has not all taken, in submission order. */
    private final ArrayDeque<Chunk<O>> open = new ArrayDeque<>();
    /** An unordered map's results as they complete, with the chunk each came from. */
    private final BlockingQueue<Object[]> completed = new LinkedBlockingQueue<>();
    private int next;
    private boolean exhausted;
    /** What the input's iterator threw, delivered after the results before it; then the stream ends. */
    private Throwable inputFailure;

    private LazyMap(Iterable<? extends I> inputs, int chunksize, int window, Submit<I, O> submit, boolean ordered) {
        this.inputs = inputs.iterator();
        this.chunksize = chunksize;
        this.window = window;
        this.submit = submit;
        this.ordered = ordered;
    }

    /** The outputs in input order (Python's {@code imap}). */
    static <I, O> Stream<O> ordered(Iterable<? extends I> inputs, int chunksize, int window, Submit<I, O> submit) {
        LazyMap<I, O> map = new LazyMap<>(inputs, chunksize, window, submit, true);
        map.fill();
        Iterator<O> outputs = new Iterator<>() {
            private Iterator<O> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    Chunk<O> head = map.takeHead();
                    if (head == null) {
                        return false;
                    }
                    current = AbstractPool.await(head.outputs).iterator();
                }
                return true;
            }

            @Override
            public O next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(outputs, Spliterator.ORDERED), false);
    }

    /** The outputs with their input's position, in the order they complete; a failed input holds its exception. */
    static <I, O> Stream<Indexed<O>> unordered(Iterable<? extends I> inputs, int chunksize, int window,
                                              Submit<I, O> submit) {
        LazyMap<I, O> map = new LazyMap<>(inputs, chunksize, window, submit, false);
        map.fill();
        Iterator<Indexed<O>> outputs = new Iterator<>() {
            private Indexed<O> ahead;

            @Override
            public boolean hasNext() {
                if (ahead == null) {
                    ahead = map.takeCompleted();
                }
                return ahead != null;
            }

            @Override
            public Indexed<O> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Indexed<O> result = ahead;
                ahead = null;
                return result;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(outputs, 0), false);
    }

    /** Reads and submits chunks until the window is full or the input is done. */
    private void fill() {
        while (!exhausted && open.size() < window) {
            List<I> chunk = new ArrayList<>(Math.min(chunksize, 1024));
            try {
                while (chunk.size() < chunksize && inputs.hasNext()) {
                    chunk.add(inputs.next());
                }
                exhausted = chunk.size() < chunksize;
            } catch (RuntimeException | Error e) {
                inputFailure = e;
                exhausted = true;
            }
            if (!chunk.isEmpty()) {
                submit(chunk);
            }
        }
    }

    private void submit(List<I> chunk) {
        Chunk<O> submitted = new Chunk<>(next, chunk.size(), submit.apply(chunk, next));
        next += chunk.size();
        open.add(submitted);
        if (!ordered) {
            submitted.outputs.whenComplete((outputs, failure) -> {
                for (int k = 0; k < submitted.size; k++) {
                    completed.add(new Object[] {submitted, failure == null
                            ? new Indexed<>(submitted.first + k, outputs.get(k), null)
                            : new Indexed<>(submitted.first + k, null, AbstractPool.poolException(failure))});
                }
            });
        }
    }

    /** An ordered map's next chunk, the window refilled; null at the end (or the input's exception, thrown). */
    private Chunk<O> takeHead() {
        Chunk<O> head = open.poll();
        fill();
        if (head == null) {
            throwInputFailure();
        }
        return head;
    }

    /** An unordered map's next result, the window refilled when a chunk is all taken; null at the end. */
    @SuppressWarnings("unchecked")
    private Indexed<O> takeCompleted() {
        if (open.isEmpty()) {
            throwInputFailure();
            return null;
        }
        Object[] taken = AbstractPool.take(completed);
        Chunk<O> chunk = (Chunk<O>) taken[0];
        if (--chunk.untaken == 0) {
            open.remove(chunk);
            fill();
        }
        return (Indexed<O>) taken[1];
    }

    private void throwInputFailure() {
        Throwable failure = inputFailure;
        inputFailure = null;
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
    }
}
