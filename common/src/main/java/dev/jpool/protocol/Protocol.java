package dev.jpool.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
            Set.of("hello", "run", "result", "failure", "shutdown", "bye");

    /** Jackson's mapper, reader and writer: tens of milliseconds to set up in a fresh JVM. */
    private record Codec(ObjectMapper mapper, ObjectWriter writer, ObjectReader reader) {
        static Codec create() {
            ObjectMapper mapper = JsonMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build();
            return new Codec(mapper, mapper.writerFor(Message.class), mapper.readerFor(Message.class));
        }
    }

    private volatile Codec codec;

    /**
     * Cheap: Jackson is set up on first use, so that a launcher can spawn its worker JVMs first and
     * set up its side of the channel while they start.
     */
    public Protocol() {
    }

    private Codec codec() {
        Codec c = codec;
        if (c == null) {
            synchronized (this) {
                c = codec;
                if (c == null) {
                    c = Codec.create();
                    codec = c;
                }
            }
        }
        return c;
    }

    /** The mapper used for payloads (task inputs and outputs). */
    public ObjectMapper mapper() {
        return codec().mapper();
    }

    /** One line of JSON, without the trailing newline. */
    public String encode(Message message) {
        try {
            return codec().writer().writeValueAsString(message);
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
        JsonNode tree;
        try {
            tree = codec().mapper().readTree(line);
        } catch (JsonProcessingException e) {
            throw new ProtocolException("not a JSON line (" + cut(e.getOriginalMessage()) + ")", line);
        }
        if (tree == null || !tree.isObject()) {
            throw new ProtocolException("not a JSON object", line);
        }
        JsonNode version = tree.get("v");
        if (version == null || !version.canConvertToInt()) {
            throw new ProtocolException("no protocol version 'v'", line);
        }
        if (version.intValue() != VERSION) {
            throw new ProtocolException("protocol version " + version.intValue()
                    + ", this jpool speaks version " + VERSION, line);
        }
        JsonNode type = tree.get("type");
        if (type == null || !type.isTextual()) {
            throw new ProtocolException("no message 'type'", line);
        }
        if (!TYPES.contains(type.textValue())) {
            throw new ProtocolException("unknown message type '" + cut(type.textValue()) + "'", line);
        }
        try {
            return codec().reader().treeToValue(tree, Message.class);
        } catch (JsonProcessingException e) {
            throw new ProtocolException("malformed '" + type.textValue() + "' message ("
                    + cut(e.getOriginalMessage()) + ")", line);
        }
    }

    /** Converts a JSON payload to a value of the given type. */
    public <T> T payload(JsonNode node, Class<T> type) throws JsonProcessingException {
        return codec().mapper().treeToValue(node, type);
    }

    /** The text, cut to {@link #QUOTE_CHARS} with its length noted. */
    public static String cut(String text) {
        if (text == null || text.length() <= QUOTE_CHARS) {
            return text;
        }
        return text.substring(0, QUOTE_CHARS) + "... (" + text.length() + " chars)";
    }
}
