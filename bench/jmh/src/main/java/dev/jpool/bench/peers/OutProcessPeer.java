package dev.jpool.bench.peers;

import dyorgio.runtime.out.process.CallableSerializable;
import dyorgio.runtime.out.process.OutProcessExecutorService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * out-process 1.2.7: an {@code OutProcessExecutorService} is one JVM (a single-thread executor in
 * another process), so a pool of 2 is two of them, each with its default options (none), taking
 * tasks in turn. It has no map: a map is one submission per task, then a wait for each
 * ({@code Future.get()}, as its README shows).
 */
final class OutProcessPeer implements PeerPool {
    private final List<OutProcessExecutorService> jvms = new ArrayList<>();
    private int next;

    OutProcessPeer() throws Exception {
        try {
            jvms.add(new OutProcessExecutorService());
            jvms.add(new OutProcessExecutorService());
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    @Override
    public long apply(long x) throws Exception {
        return nextJvm().submit((CallableSerializable<Long>) () -> x).get();
    }

    @Override
    public List<Long> map(List<Long> inputs, AtomicInteger answered) throws Exception {
        return Pp4jPeer.all(submitEach(inputs, x -> () -> x), answered);
    }

    @Override
    public List<Long> hashSums(List<Long> seeds, int iterations) throws Exception {
        return Pp4jPeer.all(submitEach(seeds, seed -> () -> PeerTasks.hashSum(seed, iterations)), new AtomicInteger());
    }

    @Override
    public List<Future<?>> startSleepers(List<Long> inputs) {
        return new ArrayList<>(submitEach(inputs, x -> () -> PeerTasks.sleep(x)));
    }

    private List<Future<Long>> submitEach(List<Long> inputs, LongFunction<CallableSerializable<Long>> task) {
        List<Future<Long>> futures = new ArrayList<>(inputs.size());
        for (long x : inputs) {
            futures.add(nextJvm().submit(task.apply(x)));
        }
        return futures;
    }

    private OutProcessExecutorService nextJvm() {
        OutProcessExecutorService jvm = jvms.get(next);
        next = (next + 1) % jvms.size();
        return jvm;
    }

    @Override
    public void close() throws InterruptedException {
        for (OutProcessExecutorService jvm : jvms) {
            jvm.shutdownNow();
        }
        for (OutProcessExecutorService jvm : jvms) {
            jvm.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
