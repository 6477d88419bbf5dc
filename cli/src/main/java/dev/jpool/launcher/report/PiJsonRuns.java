package dev.jpool.launcher.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jpool.launcher.run.RunRecord;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back runs that {@code jpool pi --format json} printed, one run per {@code *.json} file in
 * a directory (e.g. written by SLURM job steps), for a scaling table made without running anything.
 */
public final class PiJsonRuns {
    private static final List<String> FIELDS = List.of("mode", "workers", "samples", "seed", "hits", "wallNanos");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PiJsonRuns() {
    }

    /**
     * Every run in {@code dir}, by file name.
     *
     * @throws IllegalArgumentException naming the directory or the file that is not usable
     */
    public static List<RunRecord> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("'" + dir + "' is not a directory");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list '" + dir + "': " + e.getMessage(), e);
        }
        files.removeIf(file -> !Files.isRegularFile(file));
        if (files.isEmpty()) {
            throw new IllegalArgumentException("'" + dir + "' has no *.json files (each should be the output of"
                    + " 'jpool pi --format json')");
        }
        files.sort(null);
        List<RunRecord> runs = new ArrayList<>();
        for (Path file : files) {
            RunRecord run = read(file, dir);
            if (!runs.isEmpty() && (run.samples() != runs.get(0).samples() || run.seed() != runs.get(0).seed())) {
                throw new IllegalArgumentException("'" + files.get(0) + "' has " + runs.get(0).samples() + " samples, seed "
                        + runs.get(0).seed() + ", but '" + file + "' has " + run.samples() + " samples, seed " + run.seed()
                        + ": a scaling table needs the same samples and seed in every run");
            }
            runs.add(run);
        }
        if (runs.stream().noneMatch(RunRecord::serial)) {
            throw new IllegalArgumentException("no serial run in '" + dir + "' (a file with \"mode\": \"serial\", from"
                    + " 'jpool pi --mode serial --format json'): it is the baseline of speedup and efficiency");
        }
        return runs;
    }

    private static RunRecord read(Path file, Path dir) {
        JsonNode json;
        try {
            json = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + file + "' is not JSON: " + firstLine(e.getMessage()), e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("'" + file + "' is not the output of 'jpool pi --format json'");
        }
        for (String field : FIELDS) {
            JsonNode value = json.get(field);
            boolean ok = value != null && (field.equals("mode") ? value.isTextual() : value.canConvertToLong());
            if (!ok) {
                throw new IllegalArgumentException("'" + file + "' has no " + field + " (each *.json file in '" + dir
                        + "' should be the output of 'jpool pi --format json')");
            }
        }
        if (json.get("samples").asLong() < 1 || json.get("workers").asInt() < 1 || json.get("wallNanos").asLong() < 1) {
            throw new IllegalArgumentException("'" + file + "' has a run of no samples, workers or time");
        }
        return new RunRecord(json.get("mode").asText(), json.get("workers").asInt(), json.get("samples").asLong(),
                json.get("seed").asLong(), json.get("hits").asLong(), json.get("wallNanos").asLong());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
