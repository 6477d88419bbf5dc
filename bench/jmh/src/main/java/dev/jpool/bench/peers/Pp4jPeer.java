package dev.jpool.bench.peers;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.viktorc.pp4j.api.JavaProcessExecutorService;
import net.viktorc.pp4j.impl.ProcessExecutors;

/**
 * PP4J 2.2's {@code ProcessExecutors.newFixedJavaProcessPool(2)}: a {@code JavaProcessPoolExecutor}
 * of 2 JVMs with its default options (none), an {@code ExecutorService} of serializable callables.
 * It has no map: a map is one submission per task, then a wait for each.
 */
final class Pp4jPeer implements PeerPool {
    private final JavaProcessExecutorService pool;

    Pp4jPeer() throws InterruptedException {
        pool = ProcessExecutors.newFixedJavaProcessPool(2); // returns once both JVMs have started
    }

    @Override
    public long apply(long x) throws Exception {
        return pool.submit((Callable<Long> & Serializable) () -> x).get();
    }

    @Override
    public List<Long> map(List<Long> inputs, AtomicInteger answered) throws Exception {
        return all(submitEach(inputs, x -> (Callable<Long> & Serializable) () -> x), answered);
    }

    @Override
    public List<Long> hashSums(List<Long> seeds, int iterations) throws Exception {
        return all(submitEach(seeds, seed -> (Callable<Long> & Serializable) () -> PeerTasks.hashSum(seed, iterations)),
                new AtomicInteger());
    }

    @Override
    public List<Future<?>> startSleepers(List<Long> inputs) {
        return new ArrayList<>(submitEach(inputs, x -> (Callable<Long> & Serializable) () -> PeerTasks.sleep(x)));
    }

    private List<Future<Long>> submitEach(List<Long> inputs, java.util.function.LongFunction<Callable<Long>> task) {
        List<Future<Long>> futures = new ArrayList<>(inputs.size());
        for (long x : inputs) {
            futures.add(pool.submit(task.apply(x)));
        }
        return futures;
    }

    /** Each future's {@code get()} in turn, counting the answers. */
    static List<Long> all(List<Future<Long>> futures, AtomicInteger answered) throws Exception {
        List<Long> results = new ArrayList<>(futures.size());
        for (Future<Long> f : futures) {
            results.add(f.get());
            answered.incrementAndGet();
        }
        return results;
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(20, TimeUnit.SECONDS);
    }
}
