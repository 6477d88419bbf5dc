package dev.jpool.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads one line into the message it holds: one pass over its bytes collects the fields of the
 * object ({@link Fields}, a payload sliced out as {@link RawJson}), then the
 * version, the type and the record for that type are checked in that order, so that what is
 * wrong is said precisely; the record is made by its type's {@link MessageCodec}.
 */
final class MessageReader {
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
            try {
                return read(new Fields(line, wire.payloads()), expected);
            } catch (Fields.Unexpected e) {
                // not the payload expected (or a bad line): read again without expectation
            }
        }
        return read(new Fields(line, wire.payloads()), null);
    }

    private Record read(Fields fields, ObjectReader expected) throws ProtocolException {
        fields.parse(factory, expected, paths);
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
