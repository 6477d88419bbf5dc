package dev.jpool.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes and decodes protocol lines. Thread-safe.
 *
 * <p>A line is one JSON object with a {@code type} and a version {@code v}; it never contains a
 * newline. Channels carry lines as UTF-8 bytes ({@link LineWriter}, {@link #decode(byte[])}): a
 * line is parsed once, from its bytes, and becomes a String only if it is bad. The envelope is
 * read and written as each message's record says ({@link MessageCodec}: its components are the
 * line's fields, spelled nowhere else); the payloads, task inputs and outputs, by Jackson
 * ({@link #mapper()}). A bad line's error says what is wrong with the version before the shape, so
 * a worker of another jpool version is named as such rather than as garbage.
 *
 * <p>Envelopes are written byte by byte ({@link Utf8Line}) and read by {@link LineScanner}; a
 * payload is read by Jackson's streaming core unless a short path takes it ({@link ScalarLists},
 * {@link WholeNumbers}), and the databind mapper is built the first time a payload needs it
 * ({@link #mapper()}). A worker whose tasks take and give plain
 * values ({@link #isPlainElement}) never builds one, and a worker's first answer does not wait
 * for it: building a mapper is most of what a fresh JVM did between its hello and its first answer.
 */
public final class Protocol {
    /** The version this build speaks. A line with another version is rejected. */
    public static final int VERSION = 1;
    /** The system property that sets {@link #MAX_LINE_BYTES}, in both the launcher and its workers. */
    public static final String MAX_LINE_PROPERTY = "jpool.maxLineBytes";
    /** {@link #MAX_LINE_BYTES} unless {@link #MAX_LINE_PROPERTY} says otherwise. */
    public static final int DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;
    /**
     * Longest line either side accepts, in bytes; longer lines are rejected, never buffered, and
     * never written. One limit for both sides: a launcher started with {@link #MAX_LINE_PROPERTY}
     * passes it on to its workers.
     */
    public static final int MAX_LINE_BYTES = maxLineBytes(System.getProperty(MAX_LINE_PROPERTY));
    /** Room left in a line for the envelope around a payload (type, version, id, task name, timings). */
    public static final int ENVELOPE_BYTES = 4096;
    /** The longest payload (a chunk's inputs, an answer's outputs) a line can carry. */
    public static final int MAX_PAYLOAD_BYTES = MAX_LINE_BYTES - ENVELOPE_BYTES;
    /** Same as {@link #MAX_PAYLOAD_BYTES}: the longest outputs a worker sends. */
    public static final int MAX_ANSWER_BYTES = MAX_PAYLOAD_BYTES;
    /** How much of a bad line an error message quotes. */
    public static final int QUOTE_CHARS = 160;

    private final JsonFactory factory = new JsonFactory();
    /** Built on first use, under this protocol's lock; see {@link #mapper()}. */
    private volatile ObjectMapper mapper;
    private final MessageReader reader;
    private final ShortPaths paths;

    public Protocol() {
        this(ShortPaths.ALL);
    }

    /** A protocol that takes only the given short paths: to measure them. */
    Protocol(ShortPaths paths) {
        this.reader = new MessageReader(factory, Wire.MESSAGES, paths);
        this.paths = paths;
    }

    /** The mapper used for payloads (task inputs and outputs), built on the first call. */
    public ObjectMapper mapper() {
        ObjectMapper built = mapper;
        if (built == null) {
            synchronized (this) {
                built = mapper;
                if (built == null) {
                    built = JsonMapper.builder()
                            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                            .build();
                    mapper = built;
                }
            }
        }
        return built;
    }

    /** Whether {@link #mapper()} has been built: a caller that can do without it need not build it. */
    public boolean hasMapper() {
        return mapper != null;
    }

    /**
     * Whether lists of {@code element}s ({@code Long}, {@code Integer}, {@code String}, {@code Boolean})
     * are read and written by this protocol without the mapper.
     */
    public static boolean isPlainElement(Class<?> element) {
        return ScalarLists.isPlain(element);
    }

    /**
     * A payload read as a list of {@code element}s (a class {@link #isPlainElement} takes) without
     * the mapper; null when some value in it is one the mapper might read otherwise than plainly
     * (then read it with the mapper, which reads it, or says what is wrong with it).
     */
    public List<Object> plainList(RawJson json, Class<?> element) throws IOException {
        if (paths.wholeNumbers() && (element == Long.class || element == Integer.class)) {
            List<Object> numbers = json.wholeNumbers(element == Integer.class);
            if (numbers != null) {
                return numbers;
            }
        }
        try (JsonParser parser = json.parser(factory)) {
            parser.nextToken();
            List<Object> values = ScalarLists.read(parser, element);
            return values != null && parser.nextToken() == null ? values : null;
        }
    }

    /** One line of JSON, without the trailing newline. */
    public String encode(Message message) {
        Utf8Line line = new Utf8Line(256 + payloadBytes(message));
        MessageWriter.write(message, line);
        return line.text();
    }

    /**
     * One line as written to a channel: the JSON in UTF-8 and its newline. Static: it needs no
     * mapper (a payload is already JSON), so a worker can say hello before it builds one.
     */
    public static byte[] encodeLine(Message message) {
        Utf8Line line = new Utf8Line(256 + payloadBytes(message));
        writeLine(message, line);
        return line.toByteArray();
    }

    /** Appends one line, the JSON in UTF-8 and its newline; a payload is copied in as it is. */
    static void writeLine(Message message, Utf8Line line) {
        MessageWriter.write(message, line);
        line.append('\n');
    }

    private static int payloadBytes(Message message) {
        return MessageWriter.payloadBytes(message);
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
     * Decodes one line given as UTF-8 bytes, without its newline, in one pass in which a
     * payload is only checked and sliced out (see {@link RawJson}). The message's payload
     * keeps {@code line}: it must not change afterwards.
     *
     * @throws ProtocolException naming what is wrong and quoting the line
     */
    public Message decode(byte[] line) throws ProtocolException {
        return (Message) reader.read(line, null);
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
        return (Message) reader.read(line, expected);
    }

    /** A value as JSON for a message, e.g. a chunk's list of inputs. */
    public RawJson json(Object value) throws JsonProcessingException {
        RawJson plain = paths.plainLists() ? RawJson.plainOrNull(value) : null;
        return plain != null ? plain : RawJson.of(mapper().writer(), value, false);
    }

    /** A JSON payload read as a value of the given type. */
    public <T> T payload(RawJson json, Class<T> type) throws IOException {
        return json.read(mapper().readerFor(type));
    }

    /** The line limit from the property's value: bytes, at least 64 KiB and at most 1 GiB; the default if unset or not such a number. */
    static int maxLineBytes(String property) {
        if (property == null) {
            return DEFAULT_MAX_LINE_BYTES;
        }
        try {
            long bytes = Long.parseLong(property.strip());
            return bytes >= 64 * 1024 && bytes <= (1 << 30) ? (int) bytes : DEFAULT_MAX_LINE_BYTES;
        } catch (NumberFormatException e) {
            return DEFAULT_MAX_LINE_BYTES;
        }
    }

    /** How to raise the line limit, for a message about a line over it. */
    public static String lineLimitAdvice() {
        return "the limit is " + MAX_LINE_BYTES + " bytes a line (-D" + MAX_LINE_PROPERTY + "=" + MAX_LINE_BYTES
                + "); raise it by starting jpool with JDK_JAVA_OPTIONS=-D" + MAX_LINE_PROPERTY + "=BYTES (up to "
                + (1 << 30) + "), which its worker JVMs are given too";
    }

    /** The text, cut to {@link #QUOTE_CHARS} with its length noted. */
    public static String cut(String text) {
        if (text == null || text.length() <= QUOTE_CHARS) {
            return text;
        }
        return text.substring(0, QUOTE_CHARS) + "... (" + text.length() + " chars)";
    }
}
