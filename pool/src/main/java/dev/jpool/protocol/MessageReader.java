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

/**
 * Reads one line into the message it holds: one streaming pass over its bytes collects the
 * fields of the object (a payload sliced out as {@link RawJson}), then the version, the type and
 * the record for that type are checked in that order, so that what is wrong is said precisely.
 * Written by hand for the few fields of {@link Message}: no reflection, and little code for the
 * JIT to compile on a path every line takes.
 */
final class MessageReader {
    /** A field value that is none of a string, a whole number that fits a long, and null. */
    private static final Object OTHER = new Object();
    private static final Object NULL = new Object();
    private static final byte[] NULL_TEXT = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INPUTS = "inputs".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OUTPUTS = "outputs".getBytes(StandardCharsets.US_ASCII);

    private final JsonFactory factory;

    MessageReader(JsonFactory factory) {
        this.factory = factory;
    }

    /**
     * The message on {@code line}, its payload read with {@code expected} on the way when given;
     * a payload that reader cannot read is only skipped, in a second pass.
     */
    Message read(byte[] line, ObjectReader expected) throws ProtocolException {
        if (expected != null) {
            Message numbers = wholeNumbers(line, expected);
            if (numbers != null) {
                return numbers;
            }
            try {
                return read(new Fields(line), expected);
            } catch (Unexpected e) {
                // not the payload expected (or a bad line): read again without expectation
            }
        }
        return read(new Fields(line), null);
    }

    /**
     * The message, when its payload is an array of whole numbers and the expected reader wants
     * a list of {@code Long}s or {@code Integer}s: the array is read from the bytes by
     * {@link WholeNumbers}, and the rest of the line by Jackson as usual, with {@code null} where
     * the array was (both parts checked, so the line as a whole is). Null when the line is not
     * such a line, or not a good one; the caller then reads it the general way, which says what is
     * wrong with it.
     */
    private Message wholeNumbers(byte[] line, ObjectReader expected) {
        Class<?> element = ScalarLists.readableElement(expected.getValueType());
        if (element != Long.class && element != Integer.class) {
            return null;
        }
        int start = WholeNumbers.valueOf(line, INPUTS, OUTPUTS);
        WholeNumbers.Array array = start < 0 ? null : WholeNumbers.read(line, start, element == Integer.class);
        if (array == null) {
            return null;
        }
        byte[] envelope = new byte[line.length - (array.end() - start) + NULL_TEXT.length];
        System.arraycopy(line, 0, envelope, 0, start);
        System.arraycopy(NULL_TEXT, 0, envelope, start, NULL_TEXT.length);
        System.arraycopy(line, array.end(), envelope, start + NULL_TEXT.length, line.length - array.end());
        Fields fields = new Fields(envelope);
        fields.substitute(start, RawJson.slice(line, start, array.end(), expected, array.values()));
        try {
            return read(fields, null);
        } catch (ProtocolException | RuntimeException e) {
            return null;
        }
    }

    private Message read(Fields fields, ObjectReader expected) throws ProtocolException {
        fields.parse(factory, expected);
        int version = fields.version();
        if (version != Protocol.VERSION) {
            throw fields.bad("protocol version " + version + ", this jpool speaks version " + Protocol.VERSION);
        }
        String type = fields.type();
        return switch (type) {
            case Hello.TYPE -> new Hello(version, fields.number("pid"), fields.text("javaVersion"),
                    fields.number("jvmStartMillis"), fields.number("nanoTime"), fields.text("host"), fields.text("node"),
                    fields.text("slurmStep"));
            case RunTask.TYPE -> new RunTask(version, fields.number("id"), fields.text("task"), fields.json("inputs"));
            case TaskStarted.TYPE -> new TaskStarted(version, fields.number("id"), fields.number("startedNanos"));
            case Progress.TYPE -> new Progress(version, fields.number("id"), fields.number("done"), fields.number("total"));
            case TaskResult.TYPE -> new TaskResult(version, fields.number("id"), fields.json("outputs"),
                    fields.number("receivedNanos"), fields.number("computeNanos"), fields.number("sentNanos"));
            case TaskFailure.TYPE -> new TaskFailure(version, fields.number("id"), fields.integer("index"),
                    fields.text("error"), fields.text("message"), fields.text("stackTrace"));
            case Shutdown.TYPE -> new Shutdown(version);
            case Bye.TYPE -> new Bye(version, fields.number("tasksRun"), fields.numberOrNull("peakRssKib"));
            default -> throw fields.bad("unknown message type '" + Protocol.cut(type) + "'");
        };
    }

    /** The payload could not be read as expected; thrown only to start over. */
    private static final class Unexpected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unexpected() {
            super(null, null, false, false);
        }
    }

    /** The top-level fields of one line, by name. */
    private static final class Fields {
        private final byte[] line;
        private final Map<String, Object> values = new HashMap<>();
        private String type;
        /** Where the line has a {@code null} standing for a payload already read, and that payload. */
        private long substituteAt = -1;
        private RawJson substitute;

        Fields(byte[] line) {
            this.line = line;
        }

        void substitute(int at, RawJson payload) {
            this.substituteAt = at;
            this.substitute = payload;
        }

        void parse(JsonFactory factory, ObjectReader expected) throws ProtocolException {
            try (JsonParser parser = factory.createParser(line)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw bad("not a JSON object");
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken token = parser.nextToken();
                    values.put(name, isPayload(name) ? payload(parser, expected) : scalar(parser, token));
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

        private static boolean isPayload(String name) {
            return "inputs".equals(name) || "outputs".equals(name);
        }

        private static Object scalar(JsonParser parser, JsonToken token) throws IOException {
            switch (token) {
                case VALUE_STRING:
                    return parser.getText();
                case VALUE_NULL:
                    return NULL;
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
        private RawJson payload(JsonParser parser, ObjectReader expected) throws IOException {
            long start = parser.currentTokenLocation().getByteOffset();
            if (start == substituteAt && parser.currentToken() == JsonToken.VALUE_NULL) {
                return substitute;
            }
            Object value = null;
            if (expected != null) {
                Class<?> plain = ScalarLists.readableElement(expected.getValueType());
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
            Object value = present(name);
            return value == NULL ? null : number(name);
        }

        int integer(String name) throws ProtocolException {
            long number = number(name);
            if (number != (int) number) {
                throw malformed("'" + name + "' is out of range");
            }
            return (int) number;
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
            Object value = present(name);
            if (value instanceof RawJson json) {
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

        private ProtocolException malformed(String why) {
            return bad("malformed '" + type + "' message (" + why + ")");
        }

        ProtocolException bad(String why) {
            return new ProtocolException(why, new String(line, StandardCharsets.UTF_8));
        }
    }
}
