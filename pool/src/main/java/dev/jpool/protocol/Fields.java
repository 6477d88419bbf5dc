package dev.jpool.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The top-level fields of one line, by name, collected in one pass of a {@link LineScanner}: scalars
 * as values, a payload (a field whose name is one of the wire's {@link RawJson} components) sliced
 * out of the line, and read on the way when its reader is known. Its getters say precisely what
 * is wrong with a field, naming the message's type.
 */
final class Fields {
    private static final Object NULL = LineScanner.NULL;

    private final byte[] line;
    private final Set<String> payloads;
    private final Map<String, Object> values = new HashMap<>();
    private String type;

    /** The fields of {@code line}, whose fields named as one of {@code payloads} are payloads. */
    Fields(byte[] line, Set<String> payloads) {
        this.line = line;
        this.payloads = payloads;
    }

    /**
     * Collects the fields, reading a payload with {@code expected} if given (else only checking it).
     *
     * @throws Unexpected when a payload is not what {@code expected} reads, for the caller to start over
     */
    void parse(JsonFactory factory, ObjectReader expected, ShortPaths paths) throws ProtocolException {
        LineScanner scanner = new LineScanner(line);
        try {
            if (scanner.open()) {
                do {
                    String name = scanner.name();
                    values.put(name, payloads.contains(name) ? payload(scanner, factory, expected, paths) : scanner.scalar());
                } while (scanner.next());
            }
            scanner.close();
        } catch (LineScanner.Malformed e) {
            throw bad("not a JSON line (" + e.getMessage() + ")");
        }
    }

    /**
     * The value here as a slice of the line, read with {@code expected} if given: an array of whole
     * numbers straight from the bytes ({@link WholeNumbers}), a list of plain values by
     * {@link ScalarLists}, else by Jackson.
     */
    private RawJson payload(LineScanner scanner, JsonFactory factory, ObjectReader expected, ShortPaths paths)
            throws LineScanner.Malformed {
        int start = scanner.position();
        Class<?> plain = expected != null && paths.plainLists() ? ScalarLists.readableElement(expected.getValueType()) : null;
        if (paths.wholeNumbers() && (plain == Long.class || plain == Integer.class)) {
            WholeNumbers.Array numbers = WholeNumbers.read(line, start, plain == Integer.class);
            if (numbers != null) {
                scanner.moveTo(numbers.end());
                return RawJson.slice(line, start, numbers.end(), expected, numbers.values());
            }
        }
        int end = scanner.skip();
        Object value = null;
        if (expected != null) {
            try (JsonParser parser = factory.createParser(line, start, end - start)) {
                parser.nextToken();
                value = plain != null ? ScalarLists.read(parser, plain) : expected.readValue(parser);
            } catch (IOException | RuntimeException e) {
                throw new Unexpected();
            }
            if (value == null && plain != null) {
                throw new Unexpected(); // a value for Jackson to read
            }
        }
        return RawJson.slice(line, start, end, expected, value);
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
