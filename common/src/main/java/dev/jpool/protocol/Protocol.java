package dev.jpool.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Encodes and decodes protocol lines. Thread-safe.
 *
 * <p>A line is one JSON object with a {@code type} and a version {@code v}; it never contains a
 * newline. Channels carry lines as UTF-8 bytes ({@link #encodeLine}, {@link #decode(byte[])}), so a
 * line is parsed once, from its bytes, and never turned into a String unless it is bad. A bad
 * line's error says what is wrong with the version before the shape, so a worker of another jpool
 * version is named as such rather than as garbage.
 */
public final class Protocol {
    /** The version this build speaks. A line with another version is rejected. */
    public static final int VERSION = 1;
    /** Longest line either side accepts, in bytes; longer lines are rejected, never buffered. */
    public static final int MAX_LINE_BYTES = 8 * 1024 * 1024;
    /** How much of a bad line an error message quotes. */
    public static final int QUOTE_CHARS = 160;

    private static final Set<String> TYPES =
            Set.of("hello", "run", "progress", "result", "failure", "shutdown", "bye");

    private final ObjectMapper mapper;
    private final ObjectWriter writer;
    private final ObjectReader reader;

    public Protocol() {
        this.mapper = builder().build();
        // Messages, unlike payloads, are read strictly: a version "1" or 1.0 or null is no version 1.
        ObjectMapper messages = builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        this.writer = messages.writerFor(Message.class);
        this.reader = messages.readerFor(Message.class);
    }

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The mapper used for payloads (task inputs and outputs). */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** One line of JSON, without the trailing newline. */
    public String encode(Message message) {
        try {
            return writer.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + message + ": " + e.getOriginalMessage(), e);
        }
    }

    /** One line as written to a channel: the JSON in UTF-8 and its newline. */
    public byte[] encodeLine(Message message) {
        ByteArrayBuilder line = new ByteArrayBuilder(Math.max(256, payloadBytes(message) + 256));
        try {
            writer.writeValue(line, message);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode " + message + ": " + e.getMessage(), e);
        }
        line.write('\n');
        return line.toByteArray();
    }

    private static int payloadBytes(Message message) {
        if (message instanceof RunTask run) {
            return run.inputs().bytes();
        }
        return message instanceof TaskResult result ? result.outputs().bytes() : 0;
    }

    /**
     * Decodes one line.
     *
     * @throws ProtocolException naming what is wrong and quoting the line
     */
    public Message decode(String line) throws ProtocolException {
        return decode(line.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes one line given as UTF-8 bytes, without its newline: one streaming pass, in which
     * payloads are only skipped and sliced out (see {@link RawJson}). A line that does not read
     * as a message is then looked at again to say what is wrong with it, the version first, so
     * that a worker of another jpool version is named as such rather than as garbage.
     *
     * @throws ProtocolException naming what is wrong and quoting the line
     */
    public Message decode(byte[] line) throws ProtocolException {
        return decode(line, null);
    }

    /**
     * As {@link #decode(byte[])}, reading the message's payload (a run's inputs, a result's
     * outputs) with {@code expected} on the way, so that {@link RawJson#read} with that reader
     * costs nothing more. A payload that reader cannot read costs a second pass, never an error
     * or a wrong value.
     *
     * @param expected how the payload will most likely be read, or null
     * @throws ProtocolException naming what is wrong and quoting the line
     */
    public Message decode(byte[] line, ObjectReader expected) throws ProtocolException {
        if (expected != null) {
            try {
                return checked(reader.withAttributes(Map.of(RawJson.SOURCE, line, RawJson.EXPECTED, expected))
                        .readValue(line), line);
            } catch (IOException | RuntimeException e) {
                // the payload is not what was expected, or the line is bad: decoded again to say which
            }
        }
        Message message;
        try {
            message = reader.withAttribute(RawJson.SOURCE, line).readValue(line);
        } catch (IOException | RuntimeException e) {
            throw diagnose(new String(line, StandardCharsets.UTF_8), e);
        }
        return checked(message, line);
    }

    private static Message checked(Message message, byte[] line) throws ProtocolException {
        if (message == null) {
            throw new ProtocolException("not a JSON object", new String(line, StandardCharsets.UTF_8));
        }
        if (message.v() != VERSION) {
            throw new ProtocolException(otherVersion(message.v()), new String(line, StandardCharsets.UTF_8));
        }
        return message;
    }

    private static String otherVersion(int version) {
        return "protocol version " + version + ", this jpool speaks version " + VERSION;
    }

    /** Why a line that failed to read as a message is not one. */
    private ProtocolException diagnose(String line, Exception failure) {
        Header header;
        try {
            header = header(line);
        } catch (ProtocolException e) {
            return e;
        }
        if (header.version == null) {
            return new ProtocolException("no protocol version 'v'", line);
        }
        if (header.version != VERSION) {
            return new ProtocolException(otherVersion(header.version), line);
        }
        if (header.type == null) {
            return new ProtocolException("no message 'type'", line);
        }
        if (!TYPES.contains(header.type)) {
            return new ProtocolException("unknown message type '" + cut(header.type) + "'", line);
        }
        if (failure instanceof JsonProcessingException e) {
            return new ProtocolException("malformed '" + header.type + "' message (" + cut(e.getOriginalMessage()) + ")",
                    line);
        }
        return new ProtocolException("unreadable '" + header.type + "' message (" + cut(failure.getMessage()) + ")", line);
    }

    /** The version and type of a line, found by one streaming pass that builds no tree. */
    private record Header(Integer version, String type) {
    }

    private Header header(String line) throws ProtocolException {
        try (JsonParser parser = mapper.getFactory().createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ProtocolException("not a JSON object", line);
            }
            Integer version = null;
            String type = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("v".equals(name)) {
                    version = value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT
                            ? parser.getIntValue() : null;
                } else if ("type".equals(name)) {
                    type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new ProtocolException("not a JSON line (more after the object)", line);
            }
            return new Header(version, type);
        } catch (JsonProcessingException e) {
            throw new ProtocolException("not a JSON line (" + cut(e.getOriginalMessage()) + ")", line);
        } catch (IOException e) {
            throw new ProtocolException("not a JSON line (" + cut(e.getMessage()) + ")", line);
        }
    }

    /** A value as JSON for a message, e.g. a chunk's list of inputs. */
    public RawJson json(Object value) throws JsonProcessingException {
        return RawJson.of(mapper.writer(), value);
    }

    /** A JSON payload read as a value of the given type. */
    public <T> T payload(RawJson json, Class<T> type) throws IOException {
        return json.read(mapper.readerFor(type));
    }

    /** The text, cut to {@link #QUOTE_CHARS} with its length noted. */
    public static String cut(String text) {
        if (text == null || text.length() <= QUOTE_CHARS) {
            return text;
        }
        return text.substring(0, QUOTE_CHARS) + "... (" + text.length() + " chars)";
    }
}
