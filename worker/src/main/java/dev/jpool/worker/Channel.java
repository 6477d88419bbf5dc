package dev.jpool.worker;

import dev.jpool.protocol.Message;
import dev.jpool.protocol.Protocol;
import java.io.PrintStream;

/** The worker's side of the protocol channel: whole lines, one writer at a time, flushed. */
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
        out.print(protocol.encode(message));
        out.print('\n');
        out.flush();
    }
}
