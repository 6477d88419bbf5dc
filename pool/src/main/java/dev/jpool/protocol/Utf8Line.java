package dev.jpool.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.NumberOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A line being written, as UTF-8 bytes: JSON tokens appended by a {@link MessageCodec}, then
 * written out in one go. Not thread-safe; {@link LineWriter} keeps one per stream.
 */
final class Utf8Line {
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private byte[] bytes;
    private int size;

    Utf8Line(int capacity) {
        this.bytes = new byte[capacity];
    }

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    int capacity() {
        return bytes.length;
    }

    Utf8Line append(char ascii) {
        ensure(1);
        bytes[size++] = (byte) ascii;
        return this;
    }

    /** Replaces the last byte appended. */
    void replaceLast(char ascii) {
        bytes[size - 1] = (byte) ascii;
    }

    Utf8Line append(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
        return this;
    }

    /** A whole number as JSON. */
    Utf8Line number(long value) {
        ensure(20);
        size = NumberOutput.outputLong(value, bytes, size);
        return this;
    }

    /** Text that is JSON as it is, e.g. {@code true}; ASCII only. */
    Utf8Line literal(String ascii) {
        ensure(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            bytes[size++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** A string as JSON: quoted, escaped as Jackson escapes it, or null. */
    Utf8Line string(String value) {
        if (value == null) {
            return append(NULL, 0, NULL.length);
        }
        if (plainAscii(value)) {
            return append('"').literal(value).append('"');
        }
        byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(value);
        ensure(escaped.length + 2);
        bytes[size++] = '"';
        System.arraycopy(escaped, 0, bytes, size, escaped.length);
        size += escaped.length;
        bytes[size++] = '"';
        return this;
    }

    /** Whether the string is printable ASCII that JSON needs no escape for: most names and numbers as text. */
    private static boolean plainAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** {@code "name":}, for a name that needs no escaping. */
    Utf8Line name(String name) {
        return append('"').literal(name).append('"').append(':');
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    /** The bytes as a value, without a copy: this line must not be used afterwards. */
    RawJson toRawJson() {
        return RawJson.slice(bytes, 0, size, null, null);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    String text() {
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
