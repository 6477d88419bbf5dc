package dev.jpool.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The process pools' one timer: task timeouts and hello timeouts. Its thread ends when nothing is
 * scheduled (cancelled timeouts leave the queue), so a JVM that has closed its pools holds no
 * jpool thread: a container that waits for the threads it started does not wait for this one.
 */
final class PoolTimer {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private PoolTimer() {
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

    /** Runs {@code action} on the timer's thread after {@code millis}. */
    static void after(long millis, Runnable action) {
        TIMER.schedule(action, millis, TimeUnit.MILLISECONDS);
    }

    /** {@code future}, or a {@link TimeoutException} if it is not done within {@code seconds}. */
    static <T> CompletableFuture<T> within(CompletableFuture<T> future, long seconds) {
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
}
