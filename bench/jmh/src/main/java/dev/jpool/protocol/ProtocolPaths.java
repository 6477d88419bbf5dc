package dev.jpool.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The benchmark's way into the protocol's package-private paths (this class is in the protocol's
 * package, in the benchmark jar only): a {@link Protocol} with some short paths off, a line as
 * the channel's writer encodes it, and a payload sliced out of a line as the reader does.
 */
public final class ProtocolPaths {
    private ProtocolPaths() {
    }

    /**
     * A protocol taking the short paths named: {@code all}, {@code noWholeNumbers} (plain lists
     * only), or {@code none} (payloads by Jackson databind, envelope by the record codec).
     */
    public static Protocol protocol(String paths) {
        switch (paths) {
            case "all":
                return new Protocol();
            case "noWholeNumbers":
                return new Protocol(new ShortPaths(true, false));
            case "none":
                return new Protocol(new ShortPaths(false, false));
            default:
                throw new IllegalArgumentException("no such paths: " + paths);
        }
    }

    /** The line of a message as a channel's writer writes it, without its newline. */
    public static byte[] line(Message message) {
        Utf8Line line = new Utf8Line(256 + MessageWriter.payloadBytes(message));
        MessageWriter.write(message, line);
        return line.toByteArray();
    }

    /** A payload that is {@code bytes} {@code start} to {@code end} of a line, which nobody changes. */
    public static RawJson slice(byte[] line, int start, int end) {
        return RawJson.slice(line, start, end, null, null);
    }

    /** A value as JSON written by Jackson databind alone, as a payload. */
    public static RawJson jackson(ObjectWriter writer, Object value) throws JsonProcessingException {
        return RawJson.of(writer, value, false);
    }
}
