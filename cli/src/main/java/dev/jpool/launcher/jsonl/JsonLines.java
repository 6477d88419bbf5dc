package dev.jpool.launcher.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jpool.protocol.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON Lines input: one JSON value per non-blank line, each remembered with its line number. A
 * line is strict UTF-8 (a line that is not fails, rather than becoming U+FFFD); a UTF-8 byte-order
 * mark at the start of the input, and CRLF line ends, are accepted.
 */
public final class JsonLines {
    /** Longest input line read in thread mode; longer ones are reported as failed inputs. */
    public static final int MAX_LINE_BYTES = 64 * 1024 * 1024;
    static final ObjectMapper MAPPER = JsonMapper.builder().build();
    /**
     * Reads a line's value as the task's input type, refusing what would not be that value: unknown
     * properties, missing record components or creator properties, null for a primitive, and a
     * number with a fraction for a whole-number type (1.5 for an int would be 1).
     */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /**
     * One input.
     *
     * @param number its 1-based line number in the input
     * @param value  its JSON value, or null if the line is not JSON
     * @param error  why the line is not JSON, or null
     */
    public record Line(int number, JsonNode value, String error) {
    }

    private JsonLines() {
    }

    public static List<Line> read(InputStream in) throws IOException {
        return read(in, MAX_LINE_BYTES, "");
    }

    /**
     * As {@link #read(InputStream)}, with lines of up to {@code maxLineBytes}; a longer line fails,
     * its message naming the limit and then {@code advice} (how to raise it).
     */
    public static List<Line> read(InputStream in, int maxLineBytes, String advice) throws IOException {
        LineReader reader = new LineReader(in, maxLineBytes);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        List<Line> lines = new ArrayList<>();
        int number = 0;
        while (true) {
            String text;
            number++;
            ByteBuffer line = null;
            try {
                byte[] bytes = reader.readLineBytes();
                if (bytes == null) {
                    return lines;
                }
                int from = number == 1 && Arrays.equals(bytes, 0, Math.min(3, bytes.length), BOM, 0, 3) ? 3 : 0;
                line = ByteBuffer.wrap(bytes, from, bytes.length - from);
                text = utf8.decode(line).toString();
            } catch (LineReader.LineTooLongException e) {
                lines.add(new Line(number, null, "a line longer than the " + maxLineBytes + " bytes an input may have"
                        + (advice.isEmpty() ? "" : " (" + advice + ")")));
                continue;
            } catch (CharacterCodingException e) {
                lines.add(new Line(number, null, "not valid UTF-8 (byte " + (line.position() + 1) + " of the line begins a "
                        + (e instanceof MalformedInputException m ? m.getInputLength() + "-byte " : "") + "malformed sequence)"));
                continue;
            }
            if (text.isBlank()) {
                continue;
            }
            try {
                lines.add(new Line(number, MAPPER.readTree(text), null));
            } catch (JsonProcessingException e) {
                lines.add(new Line(number, null, "not JSON: " + e.getOriginalMessage()));
            }
        }
    }
}
