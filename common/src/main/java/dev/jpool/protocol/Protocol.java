package dev.jpool.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Set;

/**
 * Encodes and decodes protocol lines. Thread-safe.
 *
 * <p>A line is one JSON object with a {@code type} and a version {@code v}; it never contains a
 * newline. Decoding checks the version before the shape, so a worker of another jpool version is
 * named as such rather than as garbage.
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
        this.mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.writer = mapper.writerFor(Message.class);
        this.reader = mapper.readerFor(Message.class);
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

    /**
     * Decodes one line.
     *
     * @throws ProtocolException naming what is wrong and quoting the line
     */
    public Message decode(String line) throws ProtocolException {
        Header header = header(line);
        if (header.version == null) {
            throw new ProtocolException("no protocol version 'v'", line);
        }
        if (header.version != VERSION) {
            throw new ProtocolException("protocol version " + header.version + ", this jpool speaks version " + VERSION,
                    line);
        }
        if (header.type == null) {
            throw new ProtocolException("no message 'type'", line);
        }
        if (!TYPES.contains(header.type)) {
            throw new ProtocolException("unknown message type '" + cut(header.type) + "'", line);
        }
        try {
            return reader.readValue(line);
        } catch (JsonProcessingException e) {
            throw new ProtocolException("malformed '" + header.type + "' message (" + cut(e.getOriginalMessage()) + ")",
                    line);
        } catch (IOException e) {
            throw new ProtocolException("unreadable '" + header.type + "' message (" + cut(e.getMessage()) + ")", line);
        }
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

    /** A value as JSON text for a message, e.g. a chunk's list of inputs. */
    public RawJson json(Object value) throws JsonProcessingException {
        return new RawJson(mapper.writeValueAsString(value));
    }

    /** A JSON payload read as a value of the given type. */
    public <T> T payload(RawJson json, Class<T> type) throws JsonProcessingException {
        return mapper.readValue(json.json(), type);
    }

    /** The text, cut to {@link #QUOTE_CHARS} with its length noted. */
    public static String cut(String text) {
        if (text == null || text.length() <= QUOTE_CHARS) {
            return text;
        }
        return text.substring(0, QUOTE_CHARS) + "... (" + text.length() + " chars)";
    }
}
