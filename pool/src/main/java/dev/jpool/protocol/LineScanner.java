package dev.jpool.protocol;

import java.nio.charset.StandardCharsets;

/**
 * A strict reader of one line's JSON, byte by byte, for the envelope of a message: the top-level
 * object's names, its scalar values, and where each of its other values ends (checked against
 * JSON's grammar on the way, but not built). What Jackson's parser rejects, this rejects too
 * (malformed UTF-8, a control character in a string, a leading zero, a trailing comma, nesting
 * deeper than Jackson's default limit), saying what and where.
 *
 * <p>Why not Jackson's parser, as for payloads: an envelope is a handful of short fields, and a
 * fresh JVM runs its first few thousand lines through the parser's many small methods in the
 * interpreter, each compiled only after thousands of calls. These few loops are compiled after a
 * few hundred lines, so a fresh worker's round trip settles that much sooner.
 */
final class LineScanner {
    /** A value nested deeper than this is refused, as Jackson's {@code StreamReadConstraints} do by default. */
    static final int MAX_DEPTH = 1000;
    /** The {@link #scalar()} of a value that is not a string, a whole number that fits a long, a boolean or null. */
    static final Object OTHER = new Object();
    /** The {@link #scalar()} of {@code null}. */
    static final Object NULL = new Object();

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL_TEXT = {'n', 'u', 'l', 'l'};
    /** Digits that always fit a long. */
    private static final int SAFE_DIGITS = 18;

    /** What is wrong with the line, and where: the reason of a "not a JSON line" error. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String why) {
            super(why, null, false, false);
        }
    }

    private final byte[] line;
    private int at;
    /** Whether the string {@link #closingQuote()} last passed over has an escape, and whether all its bytes are ASCII. */
    private boolean escaped;
    private boolean ascii;

    LineScanner(byte[] line) {
        this.line = line;
    }

    /** The offset of the next byte to read. */
    int position() {
        return at;
    }

    /** Goes on from {@code offset}, just past a value read by someone else. */
    void moveTo(int offset) {
        at = offset;
    }

    /** Reads the object's opening brace; true if a field follows, false if the object is empty. */
    boolean open() throws Malformed {
        space();
        if (peek() != '{') {
            throw unexpected("a JSON object");
        }
        at++;
        space();
        if (peek() == '}') {
            at++;
            return false;
        }
        return true;
    }

    /** Reads a field's name and its colon, leaving the scanner at its value. */
    String name() throws Malformed {
        if (peek() != '"') {
            throw unexpected("a field name");
        }
        String name = string();
        space();
        if (peek() != ':') {
            throw unexpected("':'");
        }
        at++;
        space();
        return name;
    }

    /** After a field's value: true if another field follows, false if the object has ended. */
    boolean next() throws Malformed {
        space();
        int c = peek();
        if (c == ',') {
            at++;
            space();
            return true;
        }
        if (c == '}') {
            at++;
            return false;
        }
        throw unexpected("',' or '}'");
    }

    /** After the object: nothing but spaces may follow. */
    void close() throws Malformed {
        space();
        if (at < line.length) {
            throw new Malformed("more after the object, at byte " + at);
        }
    }

    /**
     * The value here: a {@code String}, a {@code Long}, a {@code Boolean}, {@link #NULL}, or
     * {@link #OTHER} for anything else (a fraction, a number too big for a long, an array, an
     * object), which is checked and passed over.
     */
    Object scalar() throws Malformed {
        int c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        if (c == 't') {
            literal(TRUE);
            return Boolean.TRUE;
        }
        if (c == 'f') {
            literal(FALSE);
            return Boolean.FALSE;
        }
        if (c == 'n') {
            literal(NULL_TEXT);
            return NULL;
        }
        skip();
        return OTHER;
    }

    /** Checks the value here, of any kind and depth, and passes over it; returns the offset just past it. */
    int skip() throws Malformed {
        byte[] open = null; // the brackets open, innermost last, made for the first one
        int depth = 0;
        while (true) {
            int c = peek();
            if (c == '{' || c == '[') {
                if (depth == MAX_DEPTH) {
                    throw new Malformed("a value nested deeper than " + MAX_DEPTH + ", at byte " + at);
                }
                if (open == null) {
                    open = new byte[16];
                } else if (depth == open.length) {
                    open = java.util.Arrays.copyOf(open, Math.min(2 * depth, MAX_DEPTH));
                }
                open[depth++] = (byte) c;
                at++;
                space();
                int close = c == '{' ? '}' : ']';
                if (peek() == close) {
                    at++;
                    depth--;
                } else {
                    if (c == '{') {
                        name();
                    }
                    continue; // to the first value inside
                }
            } else if (c == '"') {
                passString();
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                number();
            } else if (c == 't') {
                literal(TRUE);
            } else if (c == 'f') {
                literal(FALSE);
            } else if (c == 'n') {
                literal(NULL_TEXT);
            } else {
                throw unexpected("a value");
            }
            // after a value: the end of the value skipped, the next one inside, or the end of a bracket
            while (true) {
                if (depth == 0) {
                    return at;
                }
                space();
                int after = peek();
                byte inside = open[depth - 1];
                if (after == ',') {
                    at++;
                    space();
                    if (inside == '{') {
                        name();
                    }
                    break;
                }
                if (after == (inside == '{' ? '}' : ']')) {
                    at++;
                    depth--;
                    continue;
                }
                throw unexpected(inside == '{' ? "',' or '}'" : "',' or ']'");
            }
        }
    }

    /** A string, decoded: its escapes resolved, its UTF-8 checked as it is decoded. */
    private String string() throws Malformed {
        int start = at + 1;
        int close = closingQuote();
        at = close + 1;
        return JsonStrings.decode(line, start, close, escaped, ascii);
    }

    /** Passes over the string here, checking it as {@link #string()} would, without decoding it. */
    private void passString() throws Malformed {
        int start = at + 1;
        int close = closingQuote();
        if (!ascii) {
            JsonStrings.utf8(line, start, close);
        }
        at = close + 1;
    }

    /**
     * The offset of the closing quote of the string here, its escapes and control characters
     * checked on the way; sets {@link #escaped} and {@link #ascii} for it.
     */
    private int closingQuote() throws Malformed {
        int i = at + 1;
        escaped = false;
        ascii = true;
        while (true) {
            if (i >= line.length) {
                throw new Malformed("a string not closed, from byte " + at);
            }
            byte c = line[i];
            if (c == '"') {
                return i;
            }
            if (c == '\\') {
                escaped = true;
                i = JsonStrings.escapeEnd(line, i);
            } else if (c >= 0 && c < 0x20) {
                throw new Malformed("a control character not escaped in a string, at byte " + i);
            } else {
                ascii &= c >= 0;
                i++;
            }
        }
    }

    /** A number, checked against JSON's grammar: a {@code Long} if it is whole and fits one, else {@link #OTHER}. */
    private Object number() throws Malformed {
        int start = at;
        boolean negative = peek() == '-';
        if (negative) {
            at++;
        }
        int first = at;
        long value = 0;
        while (at < line.length && line[at] >= '0' && line[at] <= '9') {
            value = value * 10 + (line[at] - '0');
            at++;
        }
        int digits = at - first;
        if (digits == 0) {
            throw unexpected("a digit");
        }
        if (digits > 1 && line[first] == '0') {
            throw new Malformed("a number with a leading zero, at byte " + start);
        }
        boolean whole = true;
        if (peek() == '.') {
            whole = false;
            at++;
            digits(start);
        }
        if (peek() == 'e' || peek() == 'E') {
            whole = false;
            at++;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            digits(start);
        }
        if (!whole) {
            return OTHER;
        }
        if (digits <= SAFE_DIGITS) {
            return negative ? -value : value;
        }
        try {
            return Long.parseLong(new String(line, start, at - start, StandardCharsets.ISO_8859_1));
        } catch (NumberFormatException tooBig) {
            return OTHER;
        }
    }

    private void digits(int number) throws Malformed {
        int first = at;
        while (at < line.length && line[at] >= '0' && line[at] <= '9') {
            at++;
        }
        if (at == first) {
            throw new Malformed("a number cut short, at byte " + number);
        }
    }

    private void literal(byte[] word) throws Malformed {
        for (int k = 0; k < word.length; k++) {
            if (at + k >= line.length || line[at + k] != word[k]) {
                throw unexpected("a value");
            }
        }
        at += word.length;
    }

    private void space() {
        while (at < line.length) {
            byte c = line[at];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return;
            }
            at++;
        }
    }

    /** The byte here, 0-255, or -1 at the end of the line. */
    private int peek() {
        return at < line.length ? line[at] & 0xff : -1;
    }

    private Malformed unexpected(String wanted) {
        if (at >= line.length) {
            return new Malformed("the line ends where " + wanted + " should be, at byte " + at);
        }
        int c = line[at] & 0xff;
        String found = c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
        return new Malformed(found + " where " + wanted + " should be, at byte " + at);
    }
}
