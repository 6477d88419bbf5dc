package dev.jpool.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON array of whole numbers read straight from a line's bytes, a few nanoseconds a number
 * instead of a token's worth of Jackson's parser; checked strictly against JSON's grammar. Anything
 * else (a fraction, an exponent, a leading zero, a null, a number too long to be sure of, a
 * malformed array) is not read here, and the caller lets Jackson read or reject it.
 */
final class WholeNumbers {
    /** Longer numbers are left to Jackson: 18 digits always fit a long. */
    private static final int MAX_DIGITS = 18;

    /** The values read, as {@code Long}s or {@code Integer}s, and the offset just past the array. */
    record Array(List<Object> values, int end) {
    }

    private WholeNumbers() {
    }

    /**
     * The array starting at {@code bytes[start]}, each number a {@code Long}, or an
     * {@code Integer} where {@code ints} (then each must fit an int); null if it is not such an
     * array.
     */
    static Array read(byte[] bytes, int start, boolean ints) {
        int i = start;
        if (i >= bytes.length || bytes[i] != '[') {
            return null;
        }
        int elements = countUpTo(bytes, i + 1);
        if (elements < 0) {
            return null;
        }
        i = skipSpace(bytes, i + 1);
        List<Object> values = new ArrayList<>(elements);
        if (i < bytes.length && bytes[i] == ']') {
            return new Array(values, i + 1);
        }
        while (true) {
            boolean negative = i < bytes.length && bytes[i] == '-';
            if (negative) {
                i++;
            }
            int first = i;
            long value = 0;
            while (i < bytes.length && bytes[i] >= '0' && bytes[i] <= '9') {
                value = value * 10 + (bytes[i] - '0');
                i++;
            }
            int digits = i - first;
            if (digits == 0 || digits > MAX_DIGITS || (digits > 1 && bytes[first] == '0')) {
                return null;
            }
            if (i < bytes.length && (bytes[i] == '.' || bytes[i] == 'e' || bytes[i] == 'E')) {
                return null;
            }
            value = negative ? -value : value;
            if (ints) {
                if (value != (int) value) {
                    return null;
                }
                values.add((int) value);
            } else {
                values.add(value);
            }
            i = skipSpace(bytes, i);
            if (i >= bytes.length) {
                return null;
            }
            if (bytes[i] == ']') {
                return new Array(values, i + 1);
            }
            if (bytes[i] != ',') {
                return null;
            }
            i = skipSpace(bytes, i + 1);
        }
    }

    /**
     * How many values the array has whose contents start at {@code from}, counted by its commas up
     * to the first closing bracket (so that its list is made at its size, not grown); -1 where
     * there is a string or a nested value, which this class does not read anyway.
     */
    private static int countUpTo(byte[] bytes, int from) {
        int commas = 0;
        for (int i = from; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == ']') {
                return commas + 1;
            }
            if (b == ',') {
                commas++;
            } else if (b == '"' || b == '[' || b == '{') {
                return -1;
            }
        }
        return -1;
    }

    private static int skipSpace(byte[] bytes, int i) {
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) {
            i++;
        }
        return i;
    }
}
