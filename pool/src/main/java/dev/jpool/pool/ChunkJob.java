package dev.jpool.pool;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.jpool.process.Answer;
import dev.jpool.protocol.RawJson;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/** One chunk of a call, waiting for or running on a worker; its mutable fields are guarded by the pool's lock. */
final class ChunkJob {
    /** The task's class name, as errors name it. */
    final String task;
    /** The task as the run message carries it: its class name, or the object serialized. */
    final String wire;
    final RawJson inputs;
    final int size;
    /** The position of the chunk's first input in its call. */
    final int first;
    final ObjectReader outputs;
    /** What messages call input {@code i} of the call. */
    final IntFunction<String> names;
    /** The worker's answer, or the death of the worker it last ran on once it is not to be retried. */
    final CompletableFuture<Answer> reply = new CompletableFuture<>();
    /** Runs that ended with the death of their worker. */
    int attempts;
    /** Ended by the task timeout: its worker's death says so. */
    boolean timedOut;
    /** Cancelled: not retried when its worker ends. */
    boolean cancelled;
    /** Sent ahead to a worker being ended for another chunk's cancel: to run again elsewhere, not counted as a try. */
    boolean bystander;
    /** The worker it was last sent to, for an error message. */
    volatile String worker;
    /** The chunk's outputs as the pool returned them: what a cancel names. */
    volatile CompletableFuture<?> result;

    ChunkJob(String task, String wire, RawJson inputs, int size, int first, ObjectReader outputs,
             IntFunction<String> names) {
        this.task = task;
        this.wire = wire;
        this.inputs = inputs;
        this.size = size;
        this.first = first;
        this.outputs = outputs;
        this.names = names;
    }
}
