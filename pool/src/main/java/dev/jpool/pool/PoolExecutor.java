package dev.jpool.pool;

import dev.jpool.task.SerializableCallable;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A pool seen as an {@link java.util.concurrent.ExecutorService}: code written against one moves
 * to worker JVMs by changing the line that makes the executor.
 *
 * <pre>{@code
 * try (PoolExecutor executor = new ProcessPool(2).asExecutorService()) {
 *     Future<Long> answer = executor.submit((SerializableCallable<Long>) () -> 6L * 7);
 *     answer.get();   // 42, computed in a worker JVM
 * }
 * }</pre>
 *
 * <p>Each callable (or runnable) runs as one call on the pool, so it must be {@link Serializable}
 * (a lambda cast to {@link SerializableCallable}, or to {@code Callable<T> & Serializable}), and
 * its result must travel as JSON; one that is not is refused with {@link IllegalArgumentException}
 * naming what it captures, on a {@link ThreadPool} too, so both mean the same. A call after
 * {@link #shutdown()} is rejected ({@link RejectedExecutionException}). A failed call's
 * {@link ExecutionException} holds the pool's {@link TaskException}, whose cause is the callable's
 * own exception.
 *
 * <p>{@link java.util.concurrent.Future#cancel cancel(true)} of a call that is running ends its
 * worker (a process pool starts another in its place; a thread pool interrupts the thread); one
 * still queued is dropped. {@link #shutdownNow()} terminates the pool: unfinished calls fail with
 * a {@link PoolException}, so it returns an empty list. {@link #close()} is the pool's: it waits
 * for the calls submitted, then for the workers to exit.
 */
public final class PoolExecutor extends AbstractExecutorService implements AutoCloseable {
    private final AbstractPool pool;

    PoolExecutor(AbstractPool pool) {
        this.pool = pool;
    }

    /** The pool the calls run on. */
    public Pool pool() {
        return pool;
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        if (callable == null) {
            throw new NullPointerException("callable");
        }
        if (!(callable instanceof Serializable)) {
            throw new IllegalArgumentException("a call on a pool must be Serializable to mean the same in a worker JVM: "
                    + callable.getClass().getName() + " is not (cast a lambda to dev.jpool.task.SerializableCallable)");
        }
        return new Call<>(new CallTask<>(callable), null, false);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        if (runnable == null) {
            throw new NullPointerException("runnable");
        }
        if (!(runnable instanceof Serializable)) {
            throw new IllegalArgumentException("a call on a pool must be Serializable to mean the same in a worker JVM: "
                    + runnable.getClass().getName() + " is not (cast a lambda to Runnable & Serializable)");
        }
        Runnable serializable = runnable;
        SerializableCallable<T> call = () -> {
            serializable.run();
            return null;
        };
        return new Call<>(new CallTask<>(call), value, true);
    }

    /** Runs a call made by {@link #submit}, or a serializable runnable, on the pool. */
    @Override
    public void execute(Runnable command) {
        RunnableFuture<?> call = command instanceof Call<?> made ? made : newTaskFor(command, null);
        try {
            ((Call<?>) call).start();
        } catch (IllegalStateException e) {
            throw new RejectedExecutionException(e.getMessage(), e);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return any(tasks, Long.MAX_VALUE);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e); // no deadline
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return any(tasks, unit.toNanos(timeout));
    }

    /** The result of the first call to succeed, the others cancelled; the last failure if none does. */
    private <T> T any(Collection<? extends Callable<T>> tasks, long nanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("invokeAny needs at least one task");
        }
        long deadline = System.nanoTime() + nanos;
        List<Call<T>> calls = new ArrayList<>();
        CompletableFuture<T> first = new CompletableFuture<>();
        try {
            for (Callable<T> task : tasks) {
                Call<T> call = (Call<T>) newTaskFor(task);
                calls.add(call);
                execute(call);
            }
            int[] failed = {0};
            for (Call<T> call : calls) {
                call.result.whenComplete((value, failure) -> {
                    if (failure == null) {
                        first.complete(value);
                    } else {
                        synchronized (failed) {
                            if (++failed[0] == calls.size()) {
                                first.completeExceptionally(failure);
                            }
                        }
                    }
                });
            }
            long left = deadline - System.nanoTime();
            return nanos == Long.MAX_VALUE ? first.get() : first.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } finally {
            calls.forEach(call -> call.cancel(true));
        }
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }

    /** Terminates the pool; the calls not finished fail with a {@link PoolException} rather than being returned. */
    @Override
    public List<Runnable> shutdownNow() {
        pool.terminate();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(unit.toNanos(timeout));
    }

    /** {@link #shutdown()}, then waits for the calls submitted and for the workers to exit. */
    @Override
    public void close() {
        pool.close();
    }

    /** One call on the pool: submitted by {@link #start()}, cancelled by ending what runs it. */
    private final class Call<T> implements RunnableFuture<T> {
        private final CallTask<T> task;
        private final T value;
        private final boolean runnable;
        final CompletableFuture<T> result = new CompletableFuture<>();
        private volatile CompletableFuture<List<T>> chunk;

        Call(CallTask<T> task, T value, boolean runnable) {
            this.task = task;
            this.value = value;
            this.runnable = runnable;
        }

        synchronized void start() {
            if (chunk != null || result.isDone()) {
                return;
            }
            List<Integer> one = new ArrayList<>(1);
            one.add(0);
            chunk = pool.submitChunk(pool.prepare(task), one, 0, NamedInputs.namesOf(one));
            chunk.whenComplete((outputs, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(AbstractPool.poolException(failure));
                } else {
                    result.complete(runnable ? value : outputs.get(0));
                }
            });
        }

        @Override
        public void run() {
            start();
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = result.cancel(mayInterruptIfRunning);
            CompletableFuture<List<T>> submitted = chunk;
            if (cancelled && submitted != null) {
                pool.cancelChunk(submitted, mayInterruptIfRunning);
            }
            return cancelled;
        }

        @Override
        public boolean isCancelled() {
            return result.isCancelled();
        }

        @Override
        public boolean isDone() {
            return result.isDone();
        }

        @Override
        public T get() throws InterruptedException, ExecutionException {
            return result.get();
        }

        @Override
        public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            return result.get(timeout, unit);
        }
    }
}
