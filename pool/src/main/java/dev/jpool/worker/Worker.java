package dev.jpool.worker;

import dev.jpool.host.HostName;
import dev.jpool.host.PeakRss;
import dev.jpool.protocol.Bye;
import dev.jpool.protocol.Hello;
import dev.jpool.protocol.LineReader;
import dev.jpool.protocol.Message;
import dev.jpool.protocol.Protocol;
import dev.jpool.protocol.ProtocolException;
import dev.jpool.protocol.RunTask;
import dev.jpool.protocol.Shutdown;
import dev.jpool.protocol.TaskStarted;
import dev.jpool.task.TaskProgress;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The worker loop, once {@link WorkerMain} has said hello: read task lines from stdin, run them one at a time on a task
 * thread (each announced with a {@code started} line as the thread takes it, its progress reports
 * sent as {@code progress} lines), answer each, and say bye on shutdown.
 *
 * <p>Reading stays on the calling thread while a task runs, so a closed stdin (the launcher has
 * gone, even by SIGKILL) ends this JVM at once instead of leaving an orphan computing.
 */
final class Worker {
    /** Exit status when stdin closes without a shutdown: the launcher went away. */
    static final int ORPHANED = 3;
    /** Exit status when the launcher sent a line this worker cannot read. */
    static final int BAD_INPUT = 2;

    private final Channel channel;
    private final InputStream stdin;
    private final TaskRunner runner;
    private final ExecutorService taskThread = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "jpool-task");
        thread.setDaemon(true);
        return thread;
    });

    Worker(Channel channel, InputStream stdin) {
        this.channel = channel;
        this.stdin = stdin;
        this.runner = new TaskRunner(channel.protocol().mapper());
    }

    int run() {
        LineReader lines = new LineReader(stdin, Protocol.MAX_LINE_BYTES);
        while (true) {
            Message message;
            try {
                byte[] line = lines.readLineBytes();
                if (line == null) {
                    System.err.println("jpool worker: stdin closed without a shutdown; exiting");
                    Runtime.getRuntime().halt(ORPHANED);
                }
                message = channel.protocol().decode(line, runner.expectedInputs());
            } catch (ProtocolException | IOException e) {
                System.err.println("jpool worker: bad line from the launcher: " + e.getMessage());
                return BAD_INPUT;
            }
            if (message instanceof RunTask task) {
                long received = System.nanoTime();
                taskThread.execute(() -> {
                    // The task's clock starts here, not when its line was sent: see TaskStarted.
                    channel.send(new TaskStarted(Protocol.VERSION, task.id(), System.nanoTime()));
                    try (var progress = TaskProgress.bind(new ProgressLines(channel, task.id()))) {
                        channel.send(runner.run(task, received));
                    }
                });
            } else if (message instanceof Shutdown) {
                return shutdown();
            } else {
                System.err.println("jpool worker: unexpected '" + message.getClass().getSimpleName()
                        + "' from the launcher");
                return BAD_INPUT;
            }
        }
    }

    private int shutdown() {
        taskThread.shutdown();
        try {
            while (!taskThread.awaitTermination(1, TimeUnit.SECONDS)) {
                // running tasks finish; the launcher bounds how long it waits for our bye
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.send(new Bye(Protocol.VERSION, runner.tasksRun(), PeakRss.selfKibOrNull()));
        return 0;
    }

    /** This JVM's hello, stamped now. */
    static Hello hello() {
        return new Hello(Protocol.VERSION, ProcessHandle.current().pid(), System.getProperty("java.version"),
                ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L), System.nanoTime(),
                HostName.host(), HostName.node(), HostName.slurmStep());
    }

}
