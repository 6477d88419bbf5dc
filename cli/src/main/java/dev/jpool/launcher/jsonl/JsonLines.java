package dev.jpool.launcher.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jpool.protocol.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** JSON Lines input: one JSON value per non-blank line, each remembered with its line number. */
public final class JsonLines {
    /** Longest input line read; longer ones are reported as failed inputs. */
    public static final int MAX_LINE_BYTES = 64 * 1024 * 1024;
    static final ObjectMapper MAPPER = JsonMapper.builder().build();

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
        LineReader reader = new LineReader(in, MAX_LINE_BYTES);
        List<Line> lines = new ArrayList<>();
        int number = 0;
        while (true) {
            String text;
            number++;
            try {
                text = reader.readLine();
            } catch (LineReader.LineTooLongException e) {
                lines.add(new Line(number, null, e.getMessage()));
                continue;
            }
            if (text == null) {
                return lines;
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
