package dev.jpool.worker;

import dev.jpool.host.ProcessTree;
import dev.jpool.protocol.Protocol;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Main class of a worker JVM: {@code java -cp jpool.jar dev.jpool.worker.WorkerMain}.
 *
 * <p>The process's stdout is the protocol channel and nothing else: {@link System#out} is pointed
 * at stderr before any task runs, so a task's prints cannot corrupt the channel.
 *
 * <p>The hello goes out first, written by {@link Protocol#encodeLine}, which needs no databind
 * mapper: it means "this JVM is up and will read its stdin". The protocol's reader is set up
 * afterwards, while the launcher sends the first task line, which waits in the pipe until the
 * worker reads it; a mapper only for a task whose values need one.
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    /** Ends this JVM's descendants as it shuts down. */
    private static final class TaskReaper extends Thread {
        TaskReaper() {
            super("jpool-task-reaper");
        }

        @Override
        public void run() {
            ProcessTree.endDescendantsOfThisJvm();
        }
    }

    /**
     * Initialises {@link BigDecimal} beside the JVM's start. Jackson's parser builds BigDecimal
     * constants in its static initialiser, so a worker's first task line waits for BigDecimal's own,
     * which on JDK 25 runs some 25 ms in the interpreter (0.3 ms on JDK 17); begun here, on a thread
     * of its own, it overlaps the hello and the reader's set-up wherever a core is free.
     */
    private static final class EarlyInit extends Thread {
        EarlyInit() {
            super("jpool-early-init");
            setDaemon(true);
        }

        @Override
        public void run() {
            BigDecimal.ONE.signum();
        }
    }

    public static void main(String[] args) {
        new EarlyInit().start();
        PrintStream channel = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        channel.writeBytes(Protocol.encodeLine(Worker.hello()));
        channel.flush();
        // Whatever a task started ends with this JVM: on exit (System.exit in a task too) and SIGTERM.
        // A class, not a lambda: a JVM's first lambda costs milliseconds of its start.
        Runtime.getRuntime().addShutdownHook(new TaskReaper());
        int status = new Worker(new Channel(channel), System.in).run();
        System.exit(status);
    }
}
