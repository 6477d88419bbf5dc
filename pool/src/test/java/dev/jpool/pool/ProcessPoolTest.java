package dev.jpool.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.task.Task;
import dev.jpool.testing.ExitJvm;
import dev.jpool.testing.Greeting;
import dev.jpool.testing.Probe;
import dev.jpool.testing.Square;
import dev.jpool.testing.WhoAmI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What only separate worker JVMs do: reuse, recycling, isolation, refusing what cannot be sent. */
public class ProcessPoolTest {
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    private ProcessPoolOptions options(int workers) {
        return ProcessPoolOptions.workers(workers).withWorkerStderr(stderr::add);
    }

    private static List<Integer> times(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** A task written as a public static nested class: sendable. */
    public static final class Nested implements Task<Integer, Integer> {
        @Override
        public Integer apply(Integer x) {
            return x + 1;
        }
    }

    /** Not public: a worker JVM could not make one. */
    static final class Hidden implements Task<Integer, Integer> {
        @Override
        public Integer apply(Integer x) {
            return x;
        }
    }

    @Test
    void theSameWorkerJvmsServeSuccessiveMapsAndNoneIsTheCaller() throws Exception {
        try (ProcessPool pool = new ProcessPool(options(2))) {
            pool.ready().get(30, TimeUnit.SECONDS);
            Set<Long> started = new HashSet<>(pool.pids());
            assertEquals(2, started.size());
            assertFalse(started.contains(ProcessHandle.current().pid()));
            Set<Long> first = new HashSet<>(pool.map(new WhoAmI(), times(40), 1));
            Set<Long> second = new HashSet<>(pool.map(new WhoAmI(), times(40), 1));
            assertTrue(started.containsAll(first) && started.containsAll(second), first + " " + second + " vs " + started);
            assertEquals(started, new HashSet<>(pool.pids()), "no worker was replaced");
            assertEquals(4, pool.apply(new Nested(), 3));
        }
    }

    @Test
    void maxTasksPerWorkerRecyclesWorkerJvms() {
        try (ProcessPool pool = new ProcessPool(options(1).withMaxTasksPerWorker(2))) {
            List<Long> pids = pool.map(new WhoAmI(), times(6), 1);
            assertEquals(3, new HashSet<>(pids).size(), "a new JVM every 2 chunks: " + pids);
            assertEquals(pids.get(0), pids.get(1));
            assertNotEquals(pids.get(1), pids.get(2));
        }
    }

    @Test
    void lambdasAndOtherUnsendableTasksAreRefusedUpFrontWithTheReason() {
        try (ProcessPool pool = new ProcessPool(options(1))) {
            Task<Integer, Integer> lambda = x -> x + 1;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.map(lambda, times(3)));
            assertTrue(e.getMessage().contains("a lambda cannot be sent to a worker JVM"), e.getMessage());
            assertTrue(e.getMessage().contains("public class with a public no-argument constructor"), e.getMessage());
            Task<Integer, Integer> anonymous = new Task<>() {
                @Override
                public Integer apply(Integer x) {
                    return x;
                }
            };
            e = assertThrows(IllegalArgumentException.class, () -> pool.apply(anonymous, 1));
            assertTrue(e.getMessage().contains("anonymous or local class"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> pool.apply(new Hidden(), 1));
            assertTrue(e.getMessage().contains("not public"), e.getMessage());
            assertEquals(List.of(), stderr, "nothing reached a worker");
        }
        try (ThreadPool threads = new ThreadPool(1)) {
            Task<Integer, Integer> lambda = x -> x + 1;
            assertEquals(List.of(1, 2, 3), threads.map(lambda, times(3)), "threads run lambdas");
        }
    }

    @Test
    void theInitializerRunsOnceInEachWorkerBeforeItsTasks() {
        try (ProcessPool pool = new ProcessPool(options(2).withInitializer(new Greeting.Init(), "hello"))) {
            List<String> greetings = pool.map(new Greeting.Greet(), List.of("a", "b", "c", "d"), 1);
            assertEquals(List.of("hello, a (1)", "hello, b (1)", "hello, c (1)", "hello, d (1)"), greetings);
        }
    }

    @Test
    void jvmOptionsAndEnvironmentReachTheWorkers() {
        ProcessPoolOptions custom = options(1).withJvmOptions("-Djpool.test=forty-two").withEnvironment("JPOOL_TEST_ENV", "yes");
        try (ProcessPool pool = new ProcessPool(custom)) {
            assertEquals(List.of("forty-two", "yes"), pool.map(new Probe(), List.of("prop:jpool.test", "env:JPOOL_TEST_ENV")));
        }
    }

    @Test
    void aWorkerThatDiesFailsItsChunkAndIsReplaced() {
        try (ProcessPool pool = new ProcessPool(options(1).withRetries(0))) {
            long before = pool.apply(new WhoAmI(), 0);
            WorkerException e = assertThrows(WorkerException.class, () -> pool.apply(new ExitJvm(), 3));
            assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
            assertTrue(e.getMessage().contains("while running " + ExitJvm.class.getName()), e.getMessage());
            long after = pool.apply(new WhoAmI(), 0);
            assertNotEquals(before, after, "a new worker JVM took its place");
            assertFalse(alive(before));
            assertEquals(2, pool.history().size());
            assertTrue(pool.history().get(0).death().contains("exited with code 3"));
        }
    }

    @Test
    void aPoolWhoseWorkersCannotStartFailsFastQuotingTheJvm() {
        long start = System.nanoTime();
        try (ProcessPool pool = new ProcessPool(options(2).withJvmOptions("-Xss1k"))) {
            WorkerException e = assertThrows(WorkerException.class, () -> pool.map(new Square(), List.of(1L, 2L)));
            assertTrue(e.getMessage().startsWith("a worker JVM could not start: worker"), e.getMessage());
            assertTrue(e.getMessage().toLowerCase().contains("stack size"), e.getMessage());
            assertThrows(WorkerException.class, () -> pool.apply(new Square(), 1L), "it stays broken, no hang");
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "no hang");
    }

    @Test
    void noWorkerOutlivesCloseOrTerminate() {
        ProcessPool closed = new ProcessPool(options(2));
        List<Long> pids = closed.pids();
        closed.map(new Square(), List.of(1L, 2L, 3L));
        closed.close();
        pids.forEach(pid -> assertFalse(alive(pid), "closed: " + pid));

        ProcessPool terminated = new ProcessPool(options(2));
        List<Long> more = terminated.pids();
        terminated.terminate();
        terminated.join();
        more.forEach(pid -> assertFalse(alive(pid), "terminated: " + pid));
        assertTrue(terminated.history().stream().allMatch(h -> h.exitNanos() != null));
    }

    @Test
    void historyRecordsEachWorkersStartAndChunks() {
        try (ProcessPool pool = new ProcessPool(options(2))) {
            pool.map(new Square(), List.of(1L, 2L, 3L, 4L), 1);
            pool.close();
            List<WorkerHistory> history = pool.history();
            assertEquals(2, history.size());
            assertEquals(4, history.stream().mapToInt(h -> h.chunks().size()).sum());
            for (WorkerHistory worker : history) {
                assertTrue(worker.helloNanos() > worker.spawnNanos());
                for (WorkerHistory.ChunkTiming chunk : worker.chunks()) {
                    assertTrue(chunk.sentNanos() <= chunk.arrivedNanos());
                    assertTrue(chunk.receivedNanos() <= chunk.answeredNanos());
                }
                assertTrue(worker.exitNanos() != null && worker.exitNanos() >= worker.helloNanos());
            }
        }
    }

    /** Echoes anything. */
    public static final class Echo implements Task<Object, Object> {
        @Override
        public Object apply(Object x) {
            return x;
        }
    }

    @Test
    void anInputJacksonCannotWriteIsRefusedNamingIt() {
        try (ProcessPool pool = new ProcessPool(options(1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.map(new Echo(), List.of("fine", new Object())));
            assertTrue(e.getMessage().startsWith("input #1 (java.lang.Object@"), e.getMessage());
            assertTrue(e.getMessage().contains("cannot be sent to a worker JVM as JSON"), e.getMessage());
            assertEquals(List.of("fine", 2, List.of(1, 2)), pool.map(new Echo(), List.of("fine", 2, List.of(1, 2))));
        }
    }

    @Test
    void aChunkWhoseWorkerDiesIsRetriedOnAnotherWorker(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (ProcessPool pool = new ProcessPool(options(1).withRetries(2))) {
            String marker = dir.resolve("died-once").toString();
            assertEquals("ok", pool.apply(new dev.jpool.testing.ExitOnce(), marker));
            assertEquals(1, pool.retries().size());
            Retry retry = pool.retries().get(0);
            assertEquals(1, retry.attempt());
            assertTrue(retry.cause().contains("exited with code 9"), retry.cause());
            assertEquals(2, pool.history().size(), "a fresh worker JVM ran the retry");
        }
    }

    @Test
    void whenRetriesRunOutTheChunkFailsSayingHowOftenItWasTried() {
        try (ProcessPool pool = new ProcessPool(options(1).withRetries(2))) {
            WorkerException e = assertThrows(WorkerException.class, () -> pool.apply(new ExitJvm(), 4));
            assertTrue(e.getMessage().contains("exited with code 4"), e.getMessage());
            assertTrue(e.getMessage().contains("(chunk tried 3 times)"), e.getMessage());
            assertEquals(2, pool.retries().size());
            assertEquals(1, pool.apply(new Nested(), 0), "the pool still works");
        }
    }

    @Test
    void aChunkPastTheTaskTimeoutEndsItsWorker() {
        long start = System.nanoTime();
        try (ProcessPool pool = new ProcessPool(options(1).withRetries(0).withTaskTimeout(java.time.Duration.ofMillis(500)))) {
            long pid = pool.apply(new WhoAmI(), 0);
            WorkerException e = assertThrows(WorkerException.class,
                    () -> pool.apply(new dev.jpool.testing.SleepThenEcho(), 60_000));
            assertTrue(e.getMessage().startsWith(dev.jpool.testing.SleepThenEcho.class.getName()
                    + " timed out after 500 ms in worker 0 (pid " + pid + "), which was ended"), e.getMessage());
            assertFalse(alive(pid));
            assertEquals(7, pool.apply(new Nested(), 6), "a new worker took its place");
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "no wait for the sleeping task");
    }

    @Test
    void aChunksWaitBehindTheOneBeforeItIsNotCountedAgainstItsTimeout() {
        // One worker holds two chunks: the second, sent ahead, waits 2.4 s behind the first, then
        // runs 2.4 s itself. From its send that is 4.8 s, past the 4 s timeout; from its start, not.
        try (ProcessPool pool = new ProcessPool(options(1).withRetries(0).withTaskTimeout(java.time.Duration.ofSeconds(4)))) {
            assertEquals(List.of(2400, 2400), pool.map(new dev.jpool.testing.SleepThenEcho(), List.of(2400, 2400), 1));
            assertEquals(1, pool.history().size(), "no worker was ended");
        }
    }

    @Test
    void badRetryAndTimeoutOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProcessPoolOptions.workers(1).withRetries(-1));
        assertThrows(IllegalArgumentException.class, () -> ProcessPoolOptions.workers(1).withTaskTimeout(java.time.Duration.ZERO));
    }

    /** A link of a chain: serialized, each link is one level deeper. */
    record Link(Link next) implements java.io.Serializable {
        static Link chain(int length) {
            Link link = null;
            for (int i = 0; i < length; i++) {
                link = new Link(link);
            }
            return link;
        }

        int length() {
            return next == null ? 1 : 1 + next.length();
        }
    }

    @Test
    void aWorkerReadsASerializedTaskOnlyWithinTheFiltersBounds() {
        try (ProcessPool pool = new ProcessPool(options(1))) {
            Link shallow = Link.chain(10);
            assertEquals(List.of(11), pool.map((dev.jpool.task.SerializableTask<Integer, Integer>) x -> x + shallow.length(),
                    List.of(1)));
            Link deep = Link.chain(200); // deeper than the filter's maxdepth
            TaskException e = assertThrows(TaskException.class,
                    () -> pool.map((dev.jpool.task.SerializableTask<Integer, Integer>) x -> x + deep.length(), List.of(1)));
            assertEquals("java.io.InvalidClassException", e.errorClass());
            assertTrue(e.getMessage().contains("REJECTED"), e.getMessage());
            assertEquals(2, pool.apply(new Nested(), 1), "the worker goes on");
        }
    }
}
