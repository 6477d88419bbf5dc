package dev.jpool.protocol;

import dev.jpool.protocol.LineScanner.Malformed;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * A JSON string's bytes, for {@link LineScanner}: its escapes checked and resolved, its UTF-8 checked
 * strictly (as Jackson's parser does), given where the string's quotes are.
 */
final class JsonStrings {
    private JsonStrings() {
    }

    /**
     * The text of the string whose bytes are {@code [start, close)}, between its quotes; {@code escaped}
     * and {@code ascii} say whether they hold a backslash and whether they are all ASCII, as
     * {@link LineScanner} found while it looked for the closing quote.
     */
    static String decode(byte[] line, int start, int close, boolean escaped, boolean ascii) throws Malformed {
        if (!escaped) {
            return ascii ? new String(line, start, close - start, StandardCharsets.ISO_8859_1) : utf8(line, start, close);
        }
        StringBuilder text = new StringBuilder(close - start);
        int run = start;
        int i = start;
        while (i < close) {
            if (line[i] != '\\') {
                i++;
                continue;
            }
            text.append(utf8(line, run, i)); // a backslash is never inside a UTF-8 sequence
            byte e = line[i + 1];
            switch (e) {
                case 'u' -> text.append((char) Integer.parseInt(new String(line, i + 2, 4, StandardCharsets.ISO_8859_1), 16));
                case 'n' -> text.append('\n');
                case 't' -> text.append('\t');
                case 'r' -> text.append('\r');
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                default -> text.append((char) e); // " \ /
            }
            i += e == 'u' ? 6 : 2;
            run = i;
        }
        return text.append(utf8(line, run, close)).toString();
    }

    /** Checks the escape at {@code i} (a backslash); returns the offset past it. */
    static int escapeEnd(byte[] line, int i) throws Malformed {
        if (i + 1 >= line.length) {
            throw new Malformed("a string not closed, at byte " + i);
        }
        byte e = line[i + 1];
        if (e == 'u') {
            for (int k = i + 2; k < i + 6; k++) {
                if (k >= line.length || Character.digit(line[k], 16) < 0) {
                    throw new Malformed("a bad \\u escape in a string, at byte " + i);
                }
            }
            return i + 6;
        }
        if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
            return i + 2;
        }
        throw new Malformed("a bad escape in a string, at byte " + i);
    }

    /** Bytes {@code [from, to)} as UTF-8, strictly. */
    static String utf8(byte[] line, int from, int to) throws Malformed {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new Malformed("bytes that are not UTF-8 in a string, from byte " + from);
        }
    }
}
