package dev.jpool.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The top-level fields of one line, by name, collected in one streaming pass: scalars as values, a
 * payload (a field whose name is one of the wire's {@link RawJson} components) sliced out of the
 * line. Its getters say precisely what is wrong with a field, naming the message's type.
 */
final class Fields {
    /** A field value that is none of a string, a whole number that fits a long, a boolean and null. */
    private static final Object OTHER = new Object();
    private static final Object NULL = new Object();

    private final byte[] line;
    private final Set<String> payloads;
    private final Map<String, Object> values = new HashMap<>();
    private String type;
    /** Where the line has a {@code null} standing for a payload already read, and that payload. */
    private long substituteAt = -1;
    private RawJson substitute;

    /** The fields of {@code line}, whose fields named as one of {@code payloads} are payloads. */
    Fields(byte[] line, Set<String> payloads) {
        this.line = line;
        this.payloads = payloads;
    }

    void substitute(int at, RawJson payload) {
        this.substituteAt = at;
        this.substitute = payload;
    }

    /**
     * Collects the fields, reading a payload with {@code expected} if given (else skipping it).
     *
     * @throws Unexpected when a payload is not what {@code expected} reads, for the caller to start over
     */
    void parse(JsonFactory factory, ObjectReader expected, boolean plainLists) throws ProtocolException {
        try (JsonParser parser = factory.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw bad("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                values.put(name, payloads.contains(name) ? payload(parser, expected, plainLists) : scalar(parser, token));
            }
            if (parser.nextToken() != null) {
                throw bad("not a JSON line (more after the object)");
            }
        } catch (JsonProcessingException e) {
            throw bad("not a JSON line (" + Protocol.cut(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw bad("not a JSON line (" + Protocol.cut(e.getMessage()) + ")");
        }
    }

    private static Object scalar(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NULL:
                return NULL;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NUMBER_INT:
                JsonParser.NumberType size = parser.getNumberType();
                return size == JsonParser.NumberType.INT || size == JsonParser.NumberType.LONG
                        ? (Object) parser.getLongValue() : OTHER;
            default:
                parser.skipChildren();
                return OTHER;
        }
    }

    /** The value as a slice of the line, read with {@code expected} if given, else skipped. */
    private RawJson payload(JsonParser parser, ObjectReader expected, boolean plainLists) throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        if (start == substituteAt && parser.currentToken() == JsonToken.VALUE_NULL) {
            return substitute;
        }
        Object value = null;
        if (expected != null) {
            Class<?> plain = plainLists ? ScalarLists.readableElement(expected.getValueType()) : null;
            try {
                value = plain != null ? ScalarLists.read(parser, plain) : expected.readValue(parser);
            } catch (IOException | RuntimeException e) {
                throw new Unexpected();
            }
            if (value == null && plain != null) {
                throw new Unexpected(); // a value for Jackson to read
            }
        } else {
            parser.skipChildren();
        }
        parser.finishToken();
        long end = parser.currentLocation().getByteOffset();
        if (start < 0 || start >= end || end > line.length) {
            throw new IllegalStateException("the parser placed a value at bytes " + start + "-" + end
                    + " of a line of " + line.length);
        }
        return RawJson.slice(line, (int) start, (int) end, expected, value);
    }

    int version() throws ProtocolException {
        Object v = values.get("v");
        if (v instanceof Long version && version == version.intValue()) {
            return version.intValue();
        }
        throw bad("no protocol version 'v'");
    }

    String type() throws ProtocolException {
        if (values.get("type") instanceof String name) {
            type = name;
            return name;
        }
        throw bad("no message 'type'");
    }

    long number(String name) throws ProtocolException {
        if (present(name) instanceof Long number) {
            return number;
        }
        throw malformed("'" + name + "' is not a whole number");
    }

    Long numberOrNull(String name) throws ProtocolException {
        return present(name) == NULL ? null : number(name);
    }

    int integer(String name) throws ProtocolException {
        long number = number(name);
        if (number != (int) number) {
            throw malformed("'" + name + "' is out of range");
        }
        return (int) number;
    }

    Integer integerOrNull(String name) throws ProtocolException {
        return present(name) == NULL ? null : integer(name);
    }

    boolean bool(String name) throws ProtocolException {
        if (present(name) instanceof Boolean bool) {
            return bool;
        }
        throw malformed("'" + name + "' is not true or false");
    }

    Boolean boolOrNull(String name) throws ProtocolException {
        return present(name) == NULL ? null : bool(name);
    }

    /** A string, or null where the line says null. */
    String text(String name) throws ProtocolException {
        Object value = present(name);
        if (value == NULL) {
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        throw malformed("'" + name + "' is not a string");
    }

    RawJson json(String name) throws ProtocolException {
        if (present(name) instanceof RawJson json) {
            return json;
        }
        throw malformed("no '" + name + "'");
    }

    private Object present(String name) throws ProtocolException {
        Object value = values.get(name);
        if (value == null) {
            throw malformed("no '" + name + "'");
        }
        return value;
    }

    /** A line of a known type with a field missing or not of its type. */
    ProtocolException malformed(String why) {
        return bad("malformed '" + type + "' message (" + why + ")");
    }

    ProtocolException bad(String why) {
        return new ProtocolException(why, new String(line, StandardCharsets.UTF_8));
    }

    /** A payload could not be read as expected; thrown only to start over. */
    static final class Unexpected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unexpected() {
            super(null, null, false, false);
        }
    }
}
