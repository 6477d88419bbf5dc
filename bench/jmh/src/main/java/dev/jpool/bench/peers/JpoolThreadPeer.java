package dev.jpool.bench.peers;

import dev.jpool.bench.peers.PeerTasks.HashJob;
import dev.jpool.pool.ThreadPool;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** jpool's {@code new ThreadPool(2)}: the same calls on threads of this JVM, the floor under every process pool. */
final class JpoolThreadPeer implements PeerPool {
    private final ThreadPool pool = new ThreadPool(2);

    @Override
    public long apply(long x) {
        return pool.apply(new PeerTasks.Echo(), x);
    }

    @Override
    public List<Long> map(List<Long> inputs, AtomicInteger answered) {
        return pool.map(new PeerTasks.Echo(), inputs);
    }

    @Override
    public List<Long> hashSums(List<Long> seeds, int iterations) {
        return pool.map(new PeerTasks.HashSum(), seeds.stream().map(seed -> new HashJob(seed, iterations)).toList());
    }

    @Override
    public List<Future<?>> startSleepers(List<Long> inputs) {
        return List.of(pool.mapAsync(new PeerTasks.Sleep(), inputs));
    }

    @Override
    public List<Long> workerPids() {
        return List.of();
    }

    @Override
    public boolean processes() {
        return false;
    }

    @Override
    public void close() {
        pool.terminate();
        pool.join();
    }
}
