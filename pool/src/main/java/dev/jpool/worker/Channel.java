package dev.jpool.worker;

import dev.jpool.protocol.LineWriter;
import dev.jpool.protocol.Message;
import dev.jpool.protocol.Protocol;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** The worker's side of the protocol channel: whole lines, one writer at a time, each one write, flushed. */
final class Channel {
    private final Protocol protocol = new Protocol();
    private final LineWriter out;

    Channel(OutputStream out) {
        this.out = new LineWriter(out);
    }

    Protocol protocol() {
        return protocol;
    }

    void send(Message message) {
        try {
            out.send(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the launcher is gone, or its end of the pipe closed
        }
    }
}
