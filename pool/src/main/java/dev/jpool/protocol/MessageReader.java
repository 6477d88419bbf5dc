package dev.jpool.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads one line into the message it holds: one streaming pass over its bytes collects the
 * fields of the object ({@link Fields}, a payload sliced out as {@link RawJson}), then the
 * version, the type and the record for that type are checked in that order, so that what is
 * wrong is said precisely; the record is made by its type's {@link MessageCodec}.
 */
final class MessageReader {
    private static final byte[] NULL_TEXT = "null".getBytes(StandardCharsets.US_ASCII);

    private final JsonFactory factory;
    private final Wire wire;
    private final ShortPaths paths;

    MessageReader(JsonFactory factory, Wire wire, ShortPaths paths) {
        this.factory = factory;
        this.wire = wire;
        this.paths = paths;
    }

    /**
     * The message on {@code line}, its payload read with {@code expected} on the way when given;
     * a payload that reader cannot read is only skipped, in a second pass.
     */
    Record read(byte[] line, ObjectReader expected) throws ProtocolException {
        if (expected != null) {
            Record numbers = paths.wholeNumbers() && paths.plainLists() ? wholeNumbers(line, expected) : null;
            if (numbers != null) {
                return numbers;
            }
            try {
                return read(new Fields(line, wire.payloads()), expected);
            } catch (Fields.Unexpected e) {
                // not the payload expected (or a bad line): read again without expectation
            }
        }
        return read(new Fields(line, wire.payloads()), null);
    }

    /**
     * The message, when its payload is an array of whole numbers and the expected reader wants
     * a list of {@code Long}s or {@code Integer}s: the array is read from the bytes by
     * {@link WholeNumbers}, and the rest of the line by Jackson as usual, with {@code null} where
     * the array was (both parts checked, so the line as a whole is). Null when the line is not
     * such a line, or not a good one; the caller then reads it the general way, which says what is
     * wrong with it.
     */
    private Record wholeNumbers(byte[] line, ObjectReader expected) {
        Class<?> element = ScalarLists.readableElement(expected.getValueType());
        if (element != Long.class && element != Integer.class) {
            return null;
        }
        int start = WholeNumbers.valueOf(line, wire.payloadBytes());
        WholeNumbers.Array array = start < 0 ? null : WholeNumbers.read(line, start, element == Integer.class);
        if (array == null) {
            return null;
        }
        byte[] envelope = new byte[line.length - (array.end() - start) + NULL_TEXT.length];
        System.arraycopy(line, 0, envelope, 0, start);
        System.arraycopy(NULL_TEXT, 0, envelope, start, NULL_TEXT.length);
        System.arraycopy(line, array.end(), envelope, start + NULL_TEXT.length, line.length - array.end());
        Fields fields = new Fields(envelope, wire.payloads());
        fields.substitute(start, RawJson.slice(line, start, array.end(), expected, array.values()));
        try {
            return read(fields, null);
        } catch (ProtocolException | RuntimeException e) {
            return null;
        }
    }

    private Record read(Fields fields, ObjectReader expected) throws ProtocolException {
        fields.parse(factory, expected, paths.plainLists());
        int version = fields.version();
        if (version != Protocol.VERSION) {
            throw fields.bad("protocol version " + version + ", this jpool speaks version " + Protocol.VERSION);
        }
        String type = fields.type();
        MessageCodec codec = wire.forType(type);
        if (codec == null) {
            throw fields.bad("unknown message type '" + Protocol.cut(type) + "'");
        }
        return codec.read(fields);
    }
}
