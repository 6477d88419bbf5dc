package dev.jpool.launcher.slurm;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The frames a {@link NodeAgent} and its {@link AgentHub} exchange over the agent's stdin and
 * stdout, one per line: a type letter, the worker's id in decimal, a space, the payload, and
 * {@code \n}. A payload never holds a {@code \n}: a worker's stream is cut at its newlines, and
 * each piece goes as an upper-case frame (the piece, then a newline) or, for the bytes after the
 * last newline so far, a lower-case one (the piece alone). Any other byte passes as it is, so the
 * worker's protocol lines cross srun's pipes unchanged and unescaped; a line that does not parse
 * as a frame means the channel is corrupt (something else wrote on it) and ends it.
 *
 * <p>Hub to agent: {@code S} start a worker (payload: JSON {@code {"command":[..],"env":{..}}}),
 * {@code I}/{@code i} stdin bytes, {@code C} close its stdin, {@code K} kill it and what it started.
 * Agent to hub: {@code A} the agent's hello (id 0; JSON {@code {"agent":"jpool","node":..,"pid":..}}),
 * {@code P} started (its pid), {@code F} could not start (why), {@code O}/{@code o} stdout bytes,
 * {@code E}/{@code e} stderr bytes, {@code D} stdout ended, {@code d} stderr ended, {@code X} exited
 * (its exit status).
 */
final class AgentFrames {
    /** Longest frame read: a worker's protocol line, the largest thing a frame carries, and some. */
    static final int MAX_FRAME = 80 * 1024 * 1024;

    private AgentFrames() {
    }

    /** One frame. */
    record Frame(char type, int id, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** A line that is not a frame: the channel is corrupt. */
    static final class CorruptFrame extends IOException {
        CorruptFrame(String message) {
            super(message);
        }
    }

    /** Writes one frame; the caller holds the stream's lock and flushes. */
    static void write(OutputStream out, char type, int id, byte[] payload, int offset, int length) throws IOException {
        out.write(type);
        out.write(Integer.toString(id).getBytes(StandardCharsets.US_ASCII));
        out.write(' ');
        out.write(payload, offset, length);
        out.write('\n');
    }

    static void write(OutputStream out, char type, int id, String payload) throws IOException {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        write(out, type, id, bytes, 0, bytes.length);
    }

    /**
     * Writes {@code length} bytes of a stream as frames of {@code type} (upper case; the lower-case
     * one for the piece after the last newline).
     */
    static void writeData(OutputStream out, char type, int id, byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                write(out, type, id, bytes, start, i - start);
                start = i + 1;
            }
        }
        if (start < end) {
            write(out, Character.toLowerCase(type), id, bytes, start, end - start);
        }
    }

    /** Reads frames from a stream. */
    static final class Reader {
        private final InputStream in;
        private byte[] line = new byte[8192];

        Reader(InputStream in) {
            this.in = new BufferedInputStream(in, 64 * 1024);
        }

        /** The next frame, or null at the end of the stream. */
        Frame next() throws IOException {
            int length = 0;
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    if (length == 0) {
                        return null;
                    }
                    throw new CorruptFrame("the channel ended inside a frame");
                }
                if (length == line.length) {
                    if (length >= MAX_FRAME) {
                        throw new CorruptFrame("a frame longer than " + MAX_FRAME + " bytes");
                    }
                    line = Arrays.copyOf(line, Math.min(MAX_FRAME, length * 2));
                }
                line[length++] = (byte) b;
            }
            int space = 1;
            while (space < length && line[space] >= '0' && line[space] <= '9') {
                space++;
            }
            if (length < 3 || !Character.isLetter(line[0]) || space == 1 || space >= length || line[space] != ' '
                    || space > 10) {
                throw new CorruptFrame("not a frame: " + cut(new String(line, 0, length, StandardCharsets.UTF_8)));
            }
            int id = Integer.parseInt(new String(line, 1, space - 1, StandardCharsets.US_ASCII));
            return new Frame((char) line[0], id, Arrays.copyOfRange(line, space + 1, length));
        }
    }

    private static String cut(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
