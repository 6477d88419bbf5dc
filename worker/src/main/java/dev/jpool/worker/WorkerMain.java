package dev.jpool.worker;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Main class of a worker JVM: {@code java -cp jpool.jar dev.jpool.worker.WorkerMain}.
 *
 * <p>The process's stdout is the protocol channel and nothing else: {@link System#out} is pointed
 * at stderr before any task runs, so a task's prints cannot corrupt the channel.
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    public static void main(String[] args) {
        PrintStream channel = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        int status = new Worker(new Channel(channel), System.in).run();
        System.exit(status);
    }
}
