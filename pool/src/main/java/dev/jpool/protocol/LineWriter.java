package dev.jpool.protocol;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes protocol lines to a stream: each line whole, in one write, then flushed; one line at a
 * time. A line is first encoded into a buffer kept from line to line (so a chunk of inputs or
 * outputs is copied once on its way out, and a line that cannot be encoded writes nothing); a
 * buffer grown past {@link #KEPT_BYTES} by an unusually long line is dropped afterwards.
 */
public final class LineWriter {
    static final int KEPT_BYTES = 1 << 20;
    private static final int INITIAL_BYTES = 8192;

    private final OutputStream out;
    private Utf8Line line = new Utf8Line(INITIAL_BYTES);

    public LineWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * Writes one line and flushes it.
     *
     * @throws IllegalArgumentException when the message cannot be encoded (nothing is written)
     * @throws IOException when the stream fails
     */
    public synchronized void send(Message message) throws IOException {
        line.reset();
        try {
            Protocol.writeLine(message, line);
            line.writeTo(out);
            out.flush();
        } finally {
            if (line.capacity() > KEPT_BYTES) {
                line = new Utf8Line(INITIAL_BYTES);
            }
        }
    }

    /** Closes the stream, after the line being written, if any. */
    public synchronized void close() throws IOException {
        out.close();
    }
}
