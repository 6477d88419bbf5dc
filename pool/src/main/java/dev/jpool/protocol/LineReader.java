package dev.jpool.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads newline-terminated lines from a stream, never holding more than a fixed number of bytes.
 *
 * <p>{@link java.io.BufferedReader#readLine()} would buffer a line of any length; a worker that
 * prints gigabytes without a newline would then exhaust the launcher's heap. Here an over-long
 * line is skipped to its end and reported as {@link LineTooLongException}.
 */
public final class LineReader {
    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[256];

    public LineReader(InputStream in, int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /**
     * The next line without its terminator ({@code \n} or {@code \r\n}), decoded as UTF-8, or
     * null at end of stream. A last line without a newline is returned too.
     *
     * @throws LineTooLongException when the line exceeds the limit; the reader stays usable
     */
    public String readLine() throws IOException {
        byte[] bytes = readLineBytes();
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * As {@link #readLine()}, the line's UTF-8 bytes as read, undecoded (a new array, the caller's
     * to keep): what a codec that parses bytes wants, without a detour through a String.
     */
    public byte[] readLineBytes() throws IOException {
        int length = 0;
        boolean overflow = false;
        long total = 0;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (overflow) {
                        throw new LineTooLongException(total, maxBytes, head(length));
                    }
                    return length == 0 && total == 0 ? null : withoutCr(line, 0, length);
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int chunk = position - start;
            if (total == 0 && position < limit && chunk <= maxBytes) {
                position++; // the whole line lies in the buffer: copied once
                return withoutCr(buffer, start, chunk);
            }
            total += chunk;
            if (!overflow) {
                if (length + chunk > maxBytes) {
                    length = append(length, start, Math.min(chunk, Protocol.QUOTE_CHARS - length));
                    overflow = true;
                } else {
                    length = append(length, start, chunk);
                }
            }
            if (position < limit) {
                position++; // the newline
                if (overflow) {
                    throw new LineTooLongException(total, maxBytes, head(length));
                }
                return withoutCr(line, 0, length);
            }
        }
    }

    private int append(int length, int from, int count) {
        if (count <= 0) {
            return length;
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(buffer, from, line, length, count);
        return length + count;
    }

    private static byte[] withoutCr(byte[] bytes, int from, int length) {
        int end = length > 0 && bytes[from + length - 1] == '\r' ? from + length - 1 : from + length;
        return Arrays.copyOfRange(bytes, from, end);
    }

    private String head(int length) {
        return new String(line, 0, Math.min(length, Protocol.QUOTE_CHARS), StandardCharsets.UTF_8);
    }

    /** A line longer than the reader's limit. */
    public static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        public LineTooLongException(long bytesSoFar, int maxBytes, String head) {
            super("line of at least " + bytesSoFar + " bytes exceeds the limit of " + maxBytes
                    + " bytes; it began: " + Protocol.cut(head));
        }
    }
}
