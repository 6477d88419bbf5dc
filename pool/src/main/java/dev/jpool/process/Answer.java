package dev.jpool.process;

import dev.jpool.protocol.TaskFailure;
import dev.jpool.protocol.TaskResult;

/**
 * A worker's answer to one task, a value either way: the task's outputs, or what the task threw.
 * Only the worker's death (or a bad line) fails a {@link WorkerProcess#submit submit}'s future.
 * Each carries the launcher's {@link System#nanoTime()} when the task was sent and when its answer
 * arrived.
 */
public sealed interface Answer {
    long sentNanos();

    long answeredNanos();

    /**
     * The task's outputs and timings, for a caller that has nothing to do with a failure but
     * report it: when the task threw, an {@link IllegalStateException} saying what it threw.
     */
    TaskResult result();

    /** The task ran: its outputs, and the worker's own timings. */
    record Done(TaskResult result, long sentNanos, long answeredNanos) implements Answer {
    }

    /** The task threw (or could not be loaded), as the worker reported it. */
    record Threw(TaskFailure failure, String worker, String task, long sentNanos, long answeredNanos) implements Answer {
        @Override
        public TaskResult result() {
            throw new IllegalStateException(describe());
        }

        /** "SomeTask failed in worker 0 (pid 1234): java.lang.IllegalStateException: why". */
        public String describe() {
            return task + " failed in " + worker + ": " + failure.error()
                    + (failure.message() == null ? "" : ": " + failure.message());
        }
    }
}
