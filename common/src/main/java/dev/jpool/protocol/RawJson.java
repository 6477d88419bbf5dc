package dev.jpool.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 * decoder only skips over the value. Either way the bytes are kept, and never handed out.
 */
@JsonSerialize(using = RawJson.Writer.class)
@JsonDeserialize(using = RawJson.Reader.class)
public final class RawJson {
    /**
     * The attribute under which {@link Protocol} hands the line it decodes to the reader, so that a
     * value can be sliced out of it.
     */
    static final Object SOURCE = new Object();
    /** The attribute under which {@link Protocol} hands over the reader the value is expected to be read with. */
    static final Object EXPECTED = new Object();
    private static final Object TAKEN = new Object();

    private final byte[] utf8;
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
        this(utf8, null, null);
    }

    private RawJson(byte[] utf8, ObjectReader readWith, Object value) {
        this.utf8 = utf8;
        this.readWith = readWith;
        this.preRead = readWith == null ? null : new AtomicReference<>(value);
    }

    /** {@code value} written as JSON by {@code writer}, straight to UTF-8. */
    public static RawJson of(ObjectWriter writer, Object value) throws JsonProcessingException {
        return new RawJson(writer.writeValueAsBytes(value));
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
        return reader.readValue(utf8);
    }

    /** The JSON text. */
    public String json() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** The length of the JSON text in UTF-8 bytes. */
    public int bytes() {
        return utf8.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawJson raw && Arrays.equals(utf8, raw.utf8);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(utf8);
    }

    @Override
    public String toString() {
        return json();
    }

    static final class Writer extends StdSerializer<RawJson> {
        private static final long serialVersionUID = 1L;

        Writer() {
            super(RawJson.class);
        }

        @Override
        public void serialize(RawJson value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeRawValue(new Utf8Text(value.utf8));
        }
    }

    static final class Reader extends StdDeserializer<RawJson> {
        private static final long serialVersionUID = 1L;

        Reader() {
            super(RawJson.class);
        }

        /**
         * Slices the value out of the line when it is parsed straight from the bytes that
         * {@link Protocol} handed over, reading it on the way with the expected reader if there is
         * one, else skipping it; otherwise (another source, or tokens Jackson buffered) copies its
         * tokens. A value the expected reader cannot read fails the decoding, which
         * {@link Protocol} then repeats without expectation.
         */
        @Override
        public RawJson deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (context.getAttribute(SOURCE) instanceof byte[] line && parser == context.getParser()) {
                long start = parser.currentTokenLocation().getByteOffset();
                ObjectReader expected = context.getAttribute(EXPECTED) instanceof ObjectReader r ? r : null;
                Object value = null;
                if (expected != null) {
                    value = expected.readValue(parser);
                } else {
                    parser.skipChildren();
                }
                parser.finishToken();
                long end = parser.currentLocation().getByteOffset();
                if (start >= 0 && start < end && end <= line.length) {
                    return new RawJson(Arrays.copyOfRange(line, (int) start, (int) end), expected, value);
                }
                throw new IllegalStateException("the parser placed a value at bytes " + start + "-" + end
                        + " of a line of " + line.length);
            }
            StringWriter text = new StringWriter();
            try (JsonGenerator copy = parser.getCodec().getFactory().createGenerator(text)) {
                copy.copyCurrentStructure(parser);
            }
            return new RawJson(text.toString());
        }

        @Override
        public RawJson getNullValue(DeserializationContext context) {
            return new RawJson("null");
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }

    /** The bytes as raw (unquoted) text for a generator: copied as they are into a UTF-8 output. */
    private static final class Utf8Text implements SerializableString {
        private final byte[] utf8;

        Utf8Text(byte[] utf8) {
            this.utf8 = utf8;
        }

        @Override
        public String getValue() {
            return new String(utf8, StandardCharsets.UTF_8);
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return utf8.clone();
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + utf8.length > buffer.length) {
                return -1;
            }
            System.arraycopy(utf8, 0, buffer, offset, utf8.length);
            return utf8.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            return -1; // a char output takes getValue()
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(utf8);
            return utf8.length;
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (utf8.length > buffer.remaining()) {
                return -1;
            }
            buffer.put(utf8);
            return utf8.length;
        }

        // Quoted forms (the text as a JSON string) are never asked of a raw value; given anyway.

        @Override
        public char[] asQuotedChars() {
            return quoted().asQuotedChars();
        }

        @Override
        public byte[] asQuotedUTF8() {
            return quoted().asQuotedUTF8();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            return quoted().appendQuotedUTF8(buffer, offset);
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            return quoted().appendQuoted(buffer, offset);
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) throws IOException {
            return quoted().writeQuotedUTF8(out);
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
            return quoted().putQuotedUTF8(buffer);
        }

        private SerializedString quoted() {
            return new SerializedString(getValue());
        }
    }
}
