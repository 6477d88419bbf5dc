package dev.jpool.process;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.jpool.pool.WorkerException;
import dev.jpool.protocol.Message;
import dev.jpool.protocol.Progress;
import dev.jpool.protocol.TaskFailure;
import dev.jpool.protocol.TaskResult;
import dev.jpool.task.TaskProgress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * The tasks one worker has been sent and has not answered, in the order they were sent: where
 * each of its lines (progress, result, failure) goes, when each starts, and what a death fails.
 *
 * <p>A worker runs its tasks one at a time, in the order they were sent, and answers each before
 * it takes the next. So the oldest task waiting is the one running, and it started when the worker
 * was free: when it was sent, if nothing was waiting before it, else when the answer before it
 * arrived. That is the moment a task's {@code started} callback is told, which is what a task
 * timeout counts from; the worker need not write a line of its own to say so.
 */
final class PendingTasks {
    private record Pending(String task, CompletableFuture<Answer> answer, long sentNanos,
                           TaskProgress.Listener progress, ObjectReader outputs, LongConsumer started) {
    }

    private final String worker;
    /** By id, in the order sent (ids grow); guarded by itself. */
    private final Map<Long, Pending> pending = new LinkedHashMap<>();

    /** @param worker the worker's name, for its answers: "worker 0 (pid 1234)" */
    PendingTasks(String worker) {
        this.worker = worker;
    }

    /**
     * A task about to be sent at {@code sentNanos}; its {@code started} is told now if the worker
     * has nothing else to run first, else when the answer before it arrives.
     */
    CompletableFuture<Answer> add(long id, String task, long sentNanos, TaskProgress.Listener progress,
                                  ObjectReader outputs, LongConsumer started) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        boolean first;
        synchronized (pending) {
            first = pending.isEmpty();
            pending.put(id, new Pending(task, answer, sentNanos, progress, outputs, started));
        }
        if (first) {
            started.accept(sentNanos);
        }
        return answer;
    }

    boolean isEmpty() {
        synchronized (pending) {
            return pending.isEmpty();
        }
    }

    /** The task sent first of those waiting, as errors name it, or null. */
    String oldest() {
        Pending first = oldestPending();
        return first == null ? null : first.task();
    }

    /** How the next answer's outputs will be read (the oldest task's reader), or null. */
    ObjectReader nextOutputs() {
        Pending first = oldestPending();
        return first == null ? null : first.outputs();
    }

    private Pending oldestPending() {
        synchronized (pending) {
            Iterator<Pending> waiting = pending.values().iterator();
            return waiting.hasNext() ? waiting.next() : null;
        }
    }

    /** Hands {@code message}, which arrived at {@code at}, to its task; false when no waiting task owns it. */
    boolean route(Message message, long at) {
        if (message instanceof Progress p) {
            Pending owner;
            synchronized (pending) {
                owner = pending.get(p.id());
            }
            if (owner == null) {
                return false;
            }
            owner.progress().progress(p.done(), p.total());
            return true;
        }
        long id;
        if (message instanceof TaskResult r) {
            id = r.id();
        } else if (message instanceof TaskFailure f) {
            id = f.id();
        } else {
            return false;
        }
        Pending answered;
        Pending next;
        synchronized (pending) {
            answered = pending.remove(id);
            if (answered == null) {
                return false;
            }
            next = oldestPending();
        }
        if (next != null) {
            next.started().accept(at); // the worker takes its next task as it writes this answer
        }
        answered.answer().complete(message instanceof TaskResult r
                ? new Answer.Done(r, answered.sentNanos(), at)
                : new Answer.Threw((TaskFailure) message, worker, answered.task(), answered.sentNanos(), at));
        return true;
    }

    /** Fails task {@code id}, if it still waits, with the worker's end. */
    void fail(long id, WorkerException end) {
        Pending p;
        synchronized (pending) {
            p = pending.remove(id);
        }
        if (p != null) {
            p.answer().completeExceptionally(end);
        }
    }

    /** Fails every waiting task with the worker's end. */
    void failAll(WorkerException end) {
        List<Pending> all;
        synchronized (pending) {
            all = new ArrayList<>(pending.values());
            pending.clear();
        }
        all.forEach(p -> p.answer().completeExceptionally(end));
    }
}
