package dev.jpool.process;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.jpool.pool.WorkerException;
import dev.jpool.protocol.Message;
import dev.jpool.protocol.Progress;
import dev.jpool.protocol.TaskFailure;
import dev.jpool.protocol.TaskResult;
import dev.jpool.protocol.TaskStarted;
import dev.jpool.task.TaskProgress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * The tasks one worker has been sent and has not answered, by id: where each of its lines
 * (started, progress, result, failure) goes, and what a death fails. The worker answers its tasks
 * in the order they were sent.
 */
final class PendingTasks {
    private record Pending(String task, CompletableFuture<Answer> answer, long sentNanos,
                           TaskProgress.Listener progress, ObjectReader outputs, LongConsumer started) {
    }

    private final String worker;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

    /** @param worker the worker's name, for its answers: "worker 0 (pid 1234)" */
    PendingTasks(String worker) {
        this.worker = worker;
    }

    CompletableFuture<Answer> add(long id, String task, long sentNanos, TaskProgress.Listener progress,
                                  ObjectReader outputs, LongConsumer started) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        pending.put(id, new Pending(task, answer, sentNanos, progress, outputs, started));
        return answer;
    }

    boolean isEmpty() {
        return pending.isEmpty();
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
        long oldest = Long.MAX_VALUE;
        Pending found = null;
        for (Map.Entry<Long, Pending> entry : pending.entrySet()) {
            if (entry.getKey() < oldest) {
                oldest = entry.getKey();
                found = entry.getValue();
            }
        }
        return found;
    }

    /** Hands {@code message}, which arrived at {@code at}, to its task; false when no waiting task owns it. */
    boolean route(Message message, long at) {
        if (message instanceof TaskStarted t && pending.containsKey(t.id())) {
            pending.get(t.id()).started().accept(at);
        } else if (message instanceof Progress p && pending.containsKey(p.id())) {
            pending.get(p.id()).progress().progress(p.done(), p.total());
        } else if (message instanceof TaskResult r && pending.containsKey(r.id())) {
            Pending p = pending.remove(r.id());
            p.answer().complete(new Answer.Done(r, p.sentNanos(), at));
        } else if (message instanceof TaskFailure f && pending.containsKey(f.id())) {
            Pending p = pending.remove(f.id());
            p.answer().complete(new Answer.Threw(f, worker, p.task(), p.sentNanos(), at));
        } else {
            return false;
        }
        return true;
    }

    /** Fails task {@code id}, if it still waits, with the worker's end. */
    void fail(long id, WorkerException end) {
        Pending p = pending.remove(id);
        if (p != null) {
            p.answer().completeExceptionally(end);
        }
    }

    /** Fails every waiting task with the worker's end. */
    void failAll(WorkerException end) {
        for (Long id : List.copyOf(pending.keySet())) {
            Pending p = pending.remove(id);
            if (p != null) {
                p.answer().completeExceptionally(end);
            }
        }
    }
}
