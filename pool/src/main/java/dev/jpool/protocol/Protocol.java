package dev.jpool.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes protocol lines. Thread-safe.
 *
 * <p>A line is one JSON object with a {@code type} and a version {@code v}; it never contains a
 * newline. Channels carry lines as UTF-8 bytes ({@link LineWriter}, {@link #decode(byte[])}): a
 * line is parsed once, from its bytes, and becomes a String only if it is bad. The envelope is
 * read and written by hand ({@link MessageReader}, {@link MessageWriter}); the payloads, task
 * inputs and outputs, by Jackson ({@link #mapper()}). A bad line's error says what is wrong with
 * the version before the shape, so a worker of another jpool version is named as such rather than
 * as garbage.
 */
public final class Protocol {
    /** The version this build speaks. A line with another version is rejected. */
    public static final int VERSION = 1;
    /** Longest line either side accepts, in bytes; longer lines are rejected, never buffered. */
    public static final int MAX_LINE_BYTES = 8 * 1024 * 1024;
    /** How much of a bad line an error message quotes. */
    public static final int QUOTE_CHARS = 160;

    private final ObjectMapper mapper;
    private final MessageReader reader;

    public Protocol() {
        this.mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.reader = new MessageReader(mapper.getFactory());
    }

    /** The mapper used for payloads (task inputs and outputs). */
    public ObjectMapper mapper() {
        return mapper;
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
     * Decodes one line given as UTF-8 bytes, without its newline, in one streaming pass in which a
     * payload is only skipped over and sliced out (see {@link RawJson}). The message's payload
     * keeps {@code line}: it must not change afterwards.
     *
     * @throws ProtocolException naming what is wrong and quoting the line
     */
    public Message decode(byte[] line) throws ProtocolException {
        return reader.read(line, null);
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
        return reader.read(line, expected);
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
