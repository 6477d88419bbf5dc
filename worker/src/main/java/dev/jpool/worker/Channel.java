package dev.jpool.worker;

import dev.jpool.protocol.Message;
import dev.jpool.protocol.Protocol;
import java.io.PrintStream;

/** The worker's side of the protocol channel: whole lines, one writer at a time, each one write, flushed. */
final class Channel {
    private final Protocol protocol = new Protocol();
    private final PrintStream out;

    Channel(PrintStream out) {
        this.out = out;
    }

    Protocol protocol() {
        return protocol;
    }

    synchronized void send(Message message) {
        byte[] line = protocol.encodeLine(message);
        out.write(line, 0, line.length);
        out.flush();
    }
}
