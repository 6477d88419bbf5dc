package dev.jpool.worker;

import dev.jpool.protocol.Protocol;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Main class of a worker JVM: {@code java -cp jpool.jar dev.jpool.worker.WorkerMain}.
 *
 * <p>The process's stdout is the protocol channel and nothing else: {@link System#out} is pointed
 * at stderr before any task runs, so a task's prints cannot corrupt the channel.
 *
 * <p>The hello goes out first, written by {@link Protocol#encodeLine} before the protocol's databind
 * mapper exists: it means "this JVM is up and will read its stdin". The mapper is built afterwards, while
 * the launcher sends the first task line, which waits in the pipe until the worker reads it.
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    public static void main(String[] args) {
        PrintStream channel = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        channel.writeBytes(Protocol.encodeLine(Worker.hello()));
        channel.flush();
        int status = new Worker(new Channel(channel), System.in).run();
        System.exit(status);
    }
}
