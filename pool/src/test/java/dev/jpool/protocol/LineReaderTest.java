package dev.jpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static LineReader reader(String text, int max) {
        return new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
    }

    @Test
    void readsLinesWithEitherTerminatorAndALastLineWithout() throws IOException {
        LineReader lines = reader("one\ntwo\r\n\nthree", 100);
        assertEquals("one", lines.readLine());
        assertEquals("two", lines.readLine());
        assertEquals("", lines.readLine());
        assertEquals("three", lines.readLine());
        assertNull(lines.readLine());
        assertNull(lines.readLine());
    }

    @Test
    void decodesUtf8AcrossBufferBoundaries() throws IOException {
        String line = "π≈3.14159 ".repeat(20_000);
        assertEquals(line, reader(line + "\n", 1 << 20).readLine());
    }

    @Test
    void aLineOverTheLimitIsRejectedAndTheNextLineStillReads() throws IOException {
        LineReader lines = reader("short\n" + "y".repeat(1000) + "\nafter\n", 100);
        assertEquals("short", lines.readLine());
        LineReader.LineTooLongException e = assertThrows(LineReader.LineTooLongException.class, lines::readLine);
        assertTrue(e.getMessage().contains("limit of 100 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("yyyy"), e.getMessage());
        assertEquals("after", lines.readLine());
    }

    @Test
    void anEndlessLineNeverBuffersMoreThanTheLimit() {
        // 256 MiB of junk without a newline, generated on the fly: an unbounded reader would need the heap for it
        InputStream endless = new InputStream() {
            private long left = 256L << 20;

            @Override
            public int read() {
                return left-- > 0 ? 'z' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'z');
                left -= n;
                return n;
            }
        };
        LineReader lines = new LineReader(endless, Protocol.MAX_LINE_BYTES);
        LineReader.LineTooLongException e = assertThrows(LineReader.LineTooLongException.class, lines::readLine);
        assertTrue(e.getMessage().contains("268435456 bytes"), e.getMessage());
    }

    @Test
    void aLineExactlyAtTheLimitIsAccepted() throws IOException {
        assertEquals("x".repeat(64), reader("x".repeat(64) + "\n", 64).readLine());
    }

    @Test
    void givesTheBytesOfEachLineWithoutTerminatorWhetherOrNotALineFitsTheBuffer() throws IOException {
        String big = "[" + "12345,".repeat(20_000) + "6]"; // longer than the reader's 64 KiB buffer
        LineReader lines = reader("a\r\n" + big + "\n\nπ\n" + big + "\r\nlast", 1 << 20);
        assertEquals("a", new String(lines.readLineBytes(), StandardCharsets.UTF_8));
        assertEquals(big, new String(lines.readLineBytes(), StandardCharsets.UTF_8));
        assertEquals(0, lines.readLineBytes().length);
        assertEquals("π", new String(lines.readLineBytes(), StandardCharsets.UTF_8));
        assertEquals(big, new String(lines.readLineBytes(), StandardCharsets.UTF_8));
        assertEquals("last", new String(lines.readLineBytes(), StandardCharsets.UTF_8));
        assertNull(lines.readLineBytes());
    }

    @Test
    void readsLinesThatArriveAByteAtATime() throws IOException {
        byte[] text = "one\r\ntwo\n\nthree\n".getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new InputStream() {
            private int next;

            @Override
            public int read() {
                return next < text.length ? text[next++] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int c = read();
                if (c < 0) {
                    return -1;
                }
                b[off] = (byte) c;
                return 1;
            }
        };
        LineReader lines = new LineReader(trickle, 100);
        assertEquals("one", lines.readLine());
        assertEquals("two", lines.readLine());
        assertEquals("", lines.readLine());
        assertEquals("three", lines.readLine());
        assertNull(lines.readLine());
    }
}
