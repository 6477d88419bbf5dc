package dev.jpool.process;

import dev.jpool.pool.WorkerException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.protocol.Protocol;
import dev.jpool.protocol.RawJson;
import dev.jpool.testing.DyingWorker;
import dev.jpool.testing.FailingTask;
import dev.jpool.testing.JunkWorker;
import dev.jpool.testing.NoisyTask;
import dev.jpool.testing.SleepThenEcho;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real worker JVMs, real pipes: what the launcher sees of a worker, good or bad. */
class WorkerProcessTest {
    private final Protocol protocol = new Protocol();
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    private WorkerProcess start(WorkerCommandLine commandLine) {
        return WorkerProcess.start(0, commandLine, protocol, stderr::add);
    }

    private static Throwable failure(java.util.concurrent.CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(20, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void aWorkerSaysHelloRunsTasksAndSaysByeOnShutdown() throws Exception {
        try (WorkerProcess worker = start(WorkerCommandLine.ofThisJvm())) {
            var hello = worker.hello().get(20, TimeUnit.SECONDS).message();
            assertEquals(worker.pid(), hello.pid());
            assertNotEquals(ProcessHandle.current().pid(), hello.pid());
            assertEquals(Protocol.VERSION, hello.v());
            var reply = worker.submit(NoisyTask.class.getName(), new RawJson("[21]")).get(20, TimeUnit.SECONDS);
            assertEquals("[42]", reply.result().outputs().json(), "the task's own prints stay off the channel");
            var bye = worker.shutdown().get(20, TimeUnit.SECONDS).message();
            assertEquals(1, bye.tasksRun());
            assertTrue(worker.awaitExit(Duration.ofSeconds(10)));
        }
        assertTrue(stderr.stream().anyMatch(line -> line.startsWith("[worker 0 pid ")
                && line.contains("noisy task printing 21 on System.out")), stderr.toString());
    }

    @Test
    void aTaskThatThrowsFailsOnlyItsOwnFutureWithTheRemoteStackTrace() throws Exception {
        try (WorkerProcess worker = start(WorkerCommandLine.ofThisJvm())) {
            var bad = worker.submit(FailingTask.class.getName(), new RawJson("[-3]"));
            var good = worker.submit(FailingTask.class.getName(), new RawJson("[5]"));
            Answer.Threw threw = assertInstanceOf(Answer.Threw.class, bad.get(20, TimeUnit.SECONDS),
                    "a task that threw is an answer, not a death");
            assertTrue(threw.describe().contains("worker 0 (pid " + worker.pid() + ")"), threw.describe());
            assertTrue(threw.failure().message().contains("negative input -3"), threw.describe());
            assertEquals(0, threw.failure().index());
            assertTrue(threw.failure().stackTrace().contains("FailingTask.apply"), threw.failure().stackTrace());
            assertTrue(assertThrows(IllegalStateException.class, threw::result).getMessage().contains("negative input -3"));
            assertEquals("[5]", good.get(20, TimeUnit.SECONDS).result().outputs().json());
        }
    }

    @Test
    void aClassThatIsNotATaskFailsWithItsName() throws Exception {
        try (WorkerProcess worker = start(WorkerCommandLine.ofThisJvm())) {
            Answer.Threw threw = assertInstanceOf(Answer.Threw.class,
                    worker.submit("com.example.NoSuchTask", new RawJson("[1]")).get(20, TimeUnit.SECONDS));
            assertEquals(-1, threw.failure().index(), "no input failed: the task could not be loaded");
            assertTrue(threw.describe().contains("com.example.NoSuchTask"), threw.describe());
        }
    }

    @Test
    void junkOnStdoutIsReportedWithTheWorkerNamedAndTheLineQuoted() {
        WorkerProcess worker = start(WorkerCommandLine.ofThisJvm().withMainClass(JunkWorker.class.getName()));
        try (worker) {
            Throwable e = failure(worker.hello());
            assertInstanceOf(WorkerException.class, e);
            assertTrue(e.getMessage().startsWith("worker 0 (pid " + worker.pid() + ") wrote a line that is not jpool protocol"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("\"Picked up _JAVA_OPTIONS: this is not protocol\""), e.getMessage());
        }
        assertFalse(worker.isAlive(), "a worker that broke the protocol is ended");
    }

    @Test
    void aWorkerThatDiesBeforeHelloIsReportedWithItsExitCodeAndStderr() {
        try (WorkerProcess worker = start(WorkerCommandLine.ofThisJvm().withMainClass(DyingWorker.class.getName()))) {
            Throwable e = failure(worker.hello());
            assertTrue(e.getMessage().contains("exited with code 7, before saying hello"), e.getMessage());
            assertTrue(e.getMessage().contains("dying worker: out of unicorns"), e.getMessage());
        }
    }

    @Test
    void aWorkerThatDiedIsStillSeenToHaveDiedOnceEveryFutureHasFailed() throws Exception {
        // asked after the channel has ended and its hello and bye have failed, as a listener that
        // is attached late (the worker died before its pool looked) asks
        try (WorkerProcess worker = start(WorkerCommandLine.ofThisJvm().withMainClass(DyingWorker.class.getName()))) {
            failure(worker.hello());
            failure(worker.bye());
            assertTrue(worker.ended().get(20, TimeUnit.SECONDS).getMessage().contains("exited with code 7"));
            assertTrue(worker.diedUnexpectedly(), "a failed bye is no bye");
        }
    }

    @Test
    void aBadJvmOptionIsReportedQuotingTheJvm() {
        long start = System.nanoTime();
        try (WorkerProcess worker = start(WorkerCommandLine.ofThisJvm().withJvmOptions(List.of("-Xmx1k")))) {
            Throwable e = failure(worker.hello());
            assertTrue(e.getMessage().contains("before saying hello"), e.getMessage());
            assertTrue(e.getMessage().toLowerCase().contains("heap"), e.getMessage());
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "fails fast, no hang");
    }

    @Test
    void aMissingMainClassIsReportedQuotingTheJvm() {
        try (WorkerProcess worker = start(WorkerCommandLine.ofThisJvm().withMainClass("dev.jpool.NoSuchWorker"))) {
            Throwable e = failure(worker.hello());
            assertTrue(e.getMessage().contains("dev.jpool.NoSuchWorker"), e.getMessage());
        }
    }

    @Test
    void aMissingJavaBinaryFailsAtOnce() {
        var commandLine = new WorkerCommandLine("/no/such/java", "x.jar", List.of(), WorkerCommandLine.WORKER_MAIN);
        WorkerException e = assertThrows(WorkerException.class, () -> start(commandLine));
        assertTrue(e.getMessage().contains("cannot start worker 0 with '/no/such/java'"), e.getMessage());
    }

    @Test
    void aWorkerKilledMidTaskFailsTheTaskWithTheSignal() throws Exception {
        try (WorkerProcess worker = start(WorkerCommandLine.ofThisJvm())) {
            worker.hello().get(20, TimeUnit.SECONDS);
            var reply = worker.submit(SleepThenEcho.class.getName(), protocol.json(List.of(600_000)));
            ProcessHandle.of(worker.pid()).orElseThrow().destroyForcibly();
            Throwable e = failure(reply);
            assertTrue(e.getMessage().contains("killed by signal 9 SIGKILL"), e.getMessage());
            assertTrue(e.getMessage().contains("while running " + SleepThenEcho.class.getName()), e.getMessage());
        }
    }
}
