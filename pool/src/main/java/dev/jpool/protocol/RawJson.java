package dev.jpool.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A JSON value carried through a message as its UTF-8 text: written into the line byte for byte,
 * and read back as a slice of the line; never built into a tree, nor copied token by token, nor
 * turned into a String. Task inputs and outputs travel this way.
 *
 * <p>A decoder told how the value will be read ({@link Protocol#decode(byte[], ObjectReader)})
 * reads it so while it parses the line, and the first {@link #read(ObjectReader)} with that same
 * reader gets that value instead of parsing again: a chunk of many small values then costs one
 * pass on each side, not a skip over the line and a second pass over the value. Otherwise the
 * decoder only skips over the value. Either way the bytes are kept (a decoded value shares the
 * array of the line it came from), and never handed out.
 */
public final class RawJson {
    private static final Object TAKEN = new Object();

    /** The value's UTF-8 text is {@code length} bytes of this array from {@code offset}. */
    private final byte[] utf8;
    private final int offset;
    private final int length;
    /** The reader {@link #preRead} was read with, or null. */
    private final ObjectReader readWith;
    /** The value as read while decoding, until {@link #read(ObjectReader)} takes it; then {@link #TAKEN}. */
    private final AtomicReference<Object> preRead;

    /** The value whose JSON text is {@code json}. */
    public RawJson(String json) {
        this(Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8));
    }

    /** Takes {@code utf8} as is: only for arrays nobody else holds. */
    private RawJson(byte[] utf8) {
        this(utf8, 0, utf8.length, null, null);
    }

    /** A slice of an array that nobody changes (the line it was decoded from). */
    private RawJson(byte[] utf8, int offset, int length, ObjectReader readWith, Object value) {
        this.utf8 = utf8;
        this.offset = offset;
        this.length = length;
        this.readWith = readWith;
        this.preRead = readWith == null ? null : new AtomicReference<>(value);
    }

    /**
     * Bytes {@code start} to {@code end} of a line being decoded, which nobody changes afterwards;
     * with the value already read from them by {@code readWith}, if not null.
     */
    static RawJson slice(byte[] line, int start, int end, ObjectReader readWith, Object value) {
        return new RawJson(line, start, end - start, readWith, value);
    }

    /** Appends the value, as it is, to a line being written. */
    void appendTo(Utf8Line line) {
        line.append(utf8, offset, length);
    }

    /**
     * {@code value} written as JSON by {@code writer}, straight to UTF-8; a list of plain values
     * (see {@link ScalarLists}) by a short path that writes what the protocol's mapper would.
     */
    public static RawJson of(ObjectWriter writer, Object value) throws JsonProcessingException {
        return of(writer, value, true);
    }

    /** As {@link #of(ObjectWriter, Object)}, a list of plain values by the short path only where {@code plainLists}. */
    static RawJson of(ObjectWriter writer, Object value, boolean plainLists) throws JsonProcessingException {
        RawJson plain = plainLists ? plainOrNull(value) : null;
        return plain != null ? plain : new RawJson(writer.writeValueAsBytes(value));
    }

    /** {@code value} by the short path for a list of plain values (see {@link ScalarLists}), else null. */
    static RawJson plainOrNull(Object value) {
        return value instanceof List<?> list ? ScalarLists.writeOrNull(list) : null;
    }

    /**
     * The value read by {@code reader}: the one read while decoding, the first time and if it was
     * read with this very reader; else straight from the UTF-8 bytes. Each call gets its own value.
     */
    @SuppressWarnings("unchecked")
    public <T> T read(ObjectReader reader) throws IOException {
        if (reader == readWith) {
            Object value = preRead.getAndSet(TAKEN);
            if (value != TAKEN) {
                return (T) value;
            }
        }
        return reader.readValue(utf8, offset, length);
    }

    /** A parser over the value's bytes. */
    /**
     * The value as a list of {@code Long}s (or {@code Integer}s, where {@code ints}) read straight
     * from its bytes by {@link WholeNumbers}, if it is an array of whole numbers; else null.
     */
    List<Object> wholeNumbers(boolean ints) {
        WholeNumbers.Array array = WholeNumbers.read(utf8, offset, ints);
        return array != null && array.end() == offset + length ? array.values() : null;
    }

    JsonParser parser(JsonFactory factory) throws IOException {
        return factory.createParser(utf8, offset, length);
    }

    /** The JSON text. */
    public String json() {
        return new String(utf8, offset, length, StandardCharsets.UTF_8);
    }

    /** The length of the JSON text in UTF-8 bytes. */
    public int bytes() {
        return length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawJson raw
                && Arrays.equals(utf8, offset, offset + length, raw.utf8, raw.offset, raw.offset + raw.length);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + utf8[i];
        }
        return hash;
    }

    @Override
    public String toString() {
        return json();
    }
}
