package dev.jpool.bench.peers;

import dev.jpool.bench.peers.PeerTasks.HashJob;
import dev.jpool.pool.ProcessPool;
import dev.jpool.pool.ProcessPoolOptions;
import dev.jpool.task.SerializableTask;
import dev.jpool.task.Task;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * jpool's {@code new ProcessPool(2)} (the library's neutral worker defaults), with task classes
 * (sent by name) or with lambdas cast to {@link SerializableTask} (sent Java-serialized).
 */
final class JpoolProcessPeer implements PeerPool {
    private final ProcessPool pool;
    private final Task<Long, Long> echo;
    private final Task<HashJob, Long> hash;
    private final Task<Long, Long> sleep;

    JpoolProcessPeer(boolean lambdas) {
        this(lambdas, List.of());
    }

    /** With these options added to the worker JVMs' command line. */
    JpoolProcessPeer(boolean lambdas, List<String> workerJvmOptions) {
        pool = new ProcessPool(ProcessPoolOptions.workers(2).withJvmOptions(workerJvmOptions.toArray(String[]::new)));
        if (lambdas) {
            echo = (SerializableTask<Long, Long>) x -> x;
            hash = (SerializableTask<HashJob, Long>) job -> PeerTasks.hashSum(job.seed(), job.iterations());
            sleep = (SerializableTask<Long, Long>) PeerTasks::sleep;
        } else {
            echo = new PeerTasks.Echo();
            hash = new PeerTasks.HashSum();
            sleep = new PeerTasks.Sleep();
        }
    }

    @Override
    public long apply(long x) {
        return pool.apply(echo, x);
    }

    @Override
    public List<Long> map(List<Long> inputs, AtomicInteger answered) {
        return pool.map(echo, inputs);
    }

    @Override
    public List<Long> hashSums(List<Long> seeds, int iterations) {
        return pool.map(hash, seeds.stream().map(seed -> new HashJob(seed, iterations)).toList());
    }

    @Override
    public List<Future<?>> startSleepers(List<Long> inputs) {
        return List.of(pool.mapAsync(sleep, inputs));
    }

    @Override
    public List<Long> workerPids() {
        return pool.pids();
    }

    @Override
    public void close() {
        pool.terminate();
        pool.join();
    }
}
