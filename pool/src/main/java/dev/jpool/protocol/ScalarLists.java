package dev.jpool.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Payloads that are lists of plain values (whole numbers as {@code Long} or {@code Integer},
 * strings, booleans, nulls), written and read by a few lines of their own instead of Jackson
 * databind: the JSON is the same, and so are the values read back, but the code is small. It
 * matters on a 2-core machine: a JVM compiles the code that a batch of many tiny tasks runs
 * through, and Jackson's general path is a lot of code for its JIT, which then competes with the
 * work for the cores. Anything else (records, other numbers, nested values, a value the short
 * path does not take exactly as Jackson would) goes through Jackson.
 */
final class ScalarLists {
    private ScalarLists() {
    }

    /**
     * The list as a JSON array, as Jackson writes it, or null if an element is not one of the
     * plain values written here. The loops run over an array, with no branch that only a list of
     * more than one element takes: a JVM that has compiled this for many single calls need not
     * compile it again for a long chunk.
     */
    static RawJson write(List<?> list) {
        Object[] elements = list.toArray();
        for (Object element : elements) {
            if (element != null && !(element instanceof Long) && !(element instanceof Integer)
                    && !(element instanceof String) && !(element instanceof Boolean)) {
                return null;
            }
        }
        Utf8Line out = new Utf8Line(elements.length * 8 + 2);
        out.append('[');
        for (Object element : elements) {
            if (element instanceof Long number) {
                out.number(number);
            } else if (element instanceof Integer number) {
                out.number(number);
            } else if (element instanceof Boolean bool) {
                out.literal(bool ? "true" : "false");
            } else {
                out.string((String) element); // or null
            }
            out.append(',');
        }
        if (elements.length == 0) {
            out.append(']');
        } else {
            out.replaceLast(']'); // the comma after the last element
        }
        return out.toRawJson();
    }

    /**
     * As {@link #write}, and null too for a string Jackson cannot write either (a lone surrogate),
     * for the caller's Jackson to say what is wrong with it.
     */
    static RawJson writeOrNull(List<?> list) {
        try {
            return write(list);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The element class of a list type that {@link #read} takes, else null. */
    static Class<?> readableElement(JavaType type) {
        if (!type.isCollectionLikeType() || !type.getRawClass().isAssignableFrom(ArrayList.class)) {
            return null;
        }
        Class<?> element = type.getContentType().getRawClass();
        return isPlain(element) ? element : null;
    }

    /** Whether lists of this element class are read here. */
    static boolean isPlain(Class<?> element) {
        return element == Long.class || element == Integer.class || element == String.class || element == Boolean.class;
    }

    /**
     * The array at the parser's current token as a list of {@code element}s, the parser left at
     * its end; null (the parser somewhere inside) at the first value that Jackson might read
     * otherwise than plainly, for the caller to start over with Jackson.
     */
    static List<Object> read(JsonParser parser, Class<?> element) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            return null;
        }
        List<Object> values = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            Object value = value(parser, token, element);
            if (value == null && token != JsonToken.VALUE_NULL) {
                return null;
            }
            values.add(value);
        }
        return values;
    }

    private static Object value(JsonParser parser, JsonToken token, Class<?> element) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType size = parser.getNumberType();
            if (element == Long.class && (size == JsonParser.NumberType.INT || size == JsonParser.NumberType.LONG)) {
                return parser.getLongValue();
            }
            return element == Integer.class && size == JsonParser.NumberType.INT ? (Object) parser.getIntValue() : null;
        }
        if (token == JsonToken.VALUE_STRING) {
            return element == String.class ? parser.getText() : null;
        }
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return element == Boolean.class ? (Object) (token == JsonToken.VALUE_TRUE) : null;
        }
        return null; // a null element, or a value for Jackson
    }
}
