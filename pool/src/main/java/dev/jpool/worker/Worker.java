package dev.jpool.worker;

import dev.jpool.host.HostName;
import dev.jpool.host.PeakRss;
import dev.jpool.host.ProcessTree;
import dev.jpool.host.SelfPid;
import dev.jpool.protocol.Bye;
import dev.jpool.protocol.Hello;
import dev.jpool.protocol.LineReader;
import dev.jpool.protocol.Message;
import dev.jpool.protocol.Protocol;
import dev.jpool.protocol.ProtocolException;
import dev.jpool.protocol.RunTask;
import dev.jpool.protocol.Shutdown;
import dev.jpool.protocol.TaskFailure;
import dev.jpool.protocol.ThrowableText;
import dev.jpool.task.TaskProgress;
import java.io.IOException;
import java.io.InputStream;

/**
 * The worker loop, once {@link WorkerMain} has said hello: read task lines from stdin, run them one at a time on a task
 * thread, in the order they came (their progress reports sent as {@code progress} lines), answer
 * each before taking the next, and say bye on shutdown. The launcher counts a task's time from
 * there: a task starts when the answer before it is written.
 *
 * <p>Reading stays on the calling thread while a task runs, so a closed stdin (the launcher has
 * gone, even by SIGKILL) ends this JVM at once instead of leaving an orphan computing.
 */
final class Worker {
    /** Exit status when stdin closes without a shutdown: the launcher went away. */
    static final int ORPHANED = 3;
    /** Exit status when the launcher sent a line this worker cannot read. */
    static final int BAD_INPUT = 2;
    /** Exit status when a task's answer could not be sent, not even as a failure. */
    static final int ANSWER_LOST = 4;

    private final Channel channel;
    private final InputStream stdin;
    private final TaskRunner runner;
    private final TaskThread taskThread = new TaskThread();

    /**
     * A task line, to be run and answered on the task thread. A class, not a lambda: a JVM's first
     * lambda sets up method handles for some 10 ms, which a worker would pay before its first answer
     * (see WorkerMain's reaper).
     */
    private final class Answering implements Runnable {
        private final RunTask task;
        private final long received;

        Answering(RunTask task, long received) {
            this.task = task;
            this.received = received;
        }

        @Override
        public void run() {
            answer(task, received);
        }
    }

    Worker(Channel channel, InputStream stdin) {
        this.channel = channel;
        this.stdin = stdin;
        this.runner = new TaskRunner(channel.protocol());
    }

    int run() {
        LineReader lines = new LineReader(stdin, Protocol.MAX_LINE_BYTES);
        while (true) {
            Message message;
            try {
                byte[] line = lines.readLineBytes();
                if (line == null) {
                    System.err.println("jpool worker: stdin closed without a shutdown; exiting");
                    ProcessTree.endDescendantsOfThisJvm(); // halt runs no shutdown hook
                    Runtime.getRuntime().halt(ORPHANED);
                }
                message = channel.protocol().decode(line, runner.expectedInputs());
            } catch (ProtocolException | IOException e) {
                System.err.println("jpool worker: bad line from the launcher: " + e.getMessage());
                return BAD_INPUT;
            }
            if (message instanceof RunTask task) {
                long received = System.nanoTime();
                taskThread.execute(new Answering(task, received));
            } else if (message instanceof Shutdown) {
                return shutdown();
            } else {
                System.err.println("jpool worker: unexpected '" + message.getClass().getSimpleName()
                        + "' from the launcher");
                return BAD_INPUT;
            }
        }
    }

    /**
     * Runs one task and sends its answer. Sending is part of the task's failure domain: an answer
     * that cannot be encoded or sent (too long for a line, or too big for this heap) is replaced by
     * a short failure; if even that cannot be sent, this JVM ends, so that the launcher sees a
     * death and retries the chunk, instead of waiting for an answer that never comes.
     */
    private void answer(RunTask task, long received) {
        Throwable unsent;
        try {
            Message answer;
            try (var progress = TaskProgress.bind(new ProgressLines(channel, task.id()))) {
                answer = runner.run(task, received);
            }
            channel.send(answer);
            return;
        } catch (Throwable t) {
            unsent = t; // the answer is let go with the frame above: its memory is free again
        }
        try {
            channel.send(new TaskFailure(Protocol.VERSION, task.id(), -1, ThrowableText.className(unsent),
                    "the worker could not send the task's answer: " + ThrowableText.message(unsent), ""));
            return;
        } catch (Throwable again) {
            unsent.addSuppressed(again);
        }
        try {
            System.err.println("jpool worker: could not send the answer to task " + task.id() + ", exiting: " + unsent);
        } finally {
            ProcessTree.endDescendantsOfThisJvm();
            Runtime.getRuntime().halt(ANSWER_LOST);
        }
    }

    private int shutdown() {
        try {
            taskThread.shutdownAndWait(); // running tasks finish; the launcher bounds how long it waits for our bye
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.send(new Bye(Protocol.VERSION, runner.tasksRun(), PeakRss.selfKibOrNull()));
        return 0;
    }

    /** This JVM's hello, stamped now. */
    static Hello hello() {
        return new Hello(Protocol.VERSION, SelfPid.pid(), System.getProperty("java.version"), System.nanoTime(),
                HostName.host(), HostName.node(), HostName.slurmStep());
    }

}
