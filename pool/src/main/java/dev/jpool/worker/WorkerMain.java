package dev.jpool.worker;

import dev.jpool.host.ProcessTree;
import dev.jpool.protocol.Protocol;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.math.BigDecimal;

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

    /**
     * The channel is the process's stdout and stdin as plain file streams, not {@code System.out}
     * and {@code System.in}: a {@code PrintStream} keeps its write errors to itself, and each
     * layer (the print stream, {@code System.in}'s buffer and its {@code available()} call after
     * each read) is a handful of JDK methods more on every task's path, run interpreted in a fresh
     * worker until the JIT compiles them thousands of calls later.
     */
    public static void main(String[] args) throws IOException {
        new EarlyInit().start();
        FileOutputStream channel = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        channel.write(Protocol.encodeLine(Worker.hello()));
        // Whatever a task started ends with this JVM: on exit (System.exit in a task too) and SIGTERM.
        // A class, not a lambda: a JVM's first lambda costs milliseconds of its start.
        Runtime.getRuntime().addShutdownHook(new TaskReaper());
        int status = new Worker(new Channel(channel), new FileInputStream(FileDescriptor.in)).run();
        System.exit(status);
    }
}
