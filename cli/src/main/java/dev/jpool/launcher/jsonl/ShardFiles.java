package dev.jpool.launcher.jsonl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The result files of a sharded {@code map} and their gathering. A shard writes its results, in
 * its input order, to {@code OUT.shard-I-of-N.partial}, then one end record,
 * {@code {"jpoolShard":"I/N","inputs":..,"results":..}}, and renames the file to
 * {@code OUT.shard-I-of-N}: a file under that name was finished, and its end record says whether
 * every input has its result. {@link #gather} checks every shard of N and joins them in input
 * order, or writes nothing and names each shard that is missing or incomplete.
 */
public final class ShardFiles {
    static final String END = "jpoolShard";

    private ShardFiles() {
    }

    /** A gathering that cannot be done: one line per shard that is missing or incomplete. */
    public static final class GatherException extends Exception {
        private final List<String> problems;

        GatherException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /**
     * Where a shard's results go, while it runs: {@code OUT.shard-I-of-N.partial}. Closing the
     * stream writes the end record with the results written (lines) against {@code inputs}, forces
     * the file to disk, and renames it to {@code OUT.shard-I-of-N}.
     */
    public static OutputStream open(Shard shard, Path out, int inputs) throws IOException {
        Path file = shard.file(out);
        Path partial = partial(file);
        return new SealingStream(Files.newOutputStream(partial), shard, inputs, partial, file);
    }

    private static Path partial(Path file) {
        return file.resolveSibling(file.getFileName() + ".partial");
    }

    private static final class SealingStream extends FilterOutputStream {
        private final Shard shard;
        private final int inputs;
        private final Path partial;
        private final Path file;
        private long lines;
        private boolean closed;

        SealingStream(OutputStream out, Shard shard, int inputs, Path partial, Path file) {
            super(out);
            this.shard = shard;
            this.inputs = inputs;
            this.partial = partial;
            this.file = file;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try (OutputStream o = out) {
                o.write(("{\"" + END + "\":\"" + shard.index() + "/" + shard.count() + "\",\"inputs\":" + inputs
                        + ",\"results\":" + lines + "}\n").getBytes(StandardCharsets.US_ASCII));
            }
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** What one shard file says of itself. */
    private record Checked(int inputs, long results, String problem) {
    }

    /**
     * Joins the shards of {@code out} into {@code out}, in input order: every shard
     * {@code OUT.shard-I-of-N} for I from 0 to N-1, each finished with all its results. N is
     * {@code count}, or where null the N of the shard files found (which must agree).
     *
     * @return the number of result lines written
     * @throws GatherException naming every shard missing or incomplete; {@code out} is then untouched
     */
    public static long gather(Path out, Integer count) throws IOException, GatherException {
        int n = count != null ? count : countOf(out);
        List<String> problems = new ArrayList<>();
        int[] inputs = new int[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            Path file = Shard.fileOf(out, i, n);
            String label = "shard " + i + "/" + n;
            if (!Files.isRegularFile(file)) {
                problems.add(label + " missing: " + (Files.exists(partial(file))
                        ? "only " + partial(file) + ", so its map did not finish"
                        : "no " + file));
                continue;
            }
            Checked checked = check(file, i, n);
            if (checked.problem() != null) {
                problems.add(label + " incomplete: " + file + " " + checked.problem());
                continue;
            }
            inputs[i] = checked.inputs();
            total += checked.inputs();
        }
        if (problems.isEmpty()) {
            for (int i = 0; i < n; i++) {
                long expected = (total - i + n - 1) / n;
                if (inputs[i] != expected) {
                    problems.add("shard " + i + "/" + n + " incomplete: " + Shard.fileOf(out, i, n) + " holds "
                            + inputs[i] + " inputs where " + n + " shards of " + total + " inputs give it " + expected
                            + ", so the shards were not made from the same input");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new GatherException(problems);
        }
        join(out, n, total);
        return total;
    }

    /** The N of the shard files of {@code out} (finished or not). */
    private static int countOf(Path out) throws IOException, GatherException {
        Path dir = out.toAbsolutePath().getParent();
        Pattern name = Pattern.compile(Pattern.quote(out.getFileName().toString()) + "\\.shard-\\d+-of-(\\d+)(\\.partial)?");
        TreeSet<Integer> counts = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                Matcher m = name.matcher(f.getFileName().toString());
                if (m.matches()) {
                    counts.add(Integer.valueOf(m.group(1)));
                }
            });
        }
        if (counts.isEmpty()) {
            throw new GatherException(List.of("no shard files " + out + ".shard-I-of-N found"));
        }
        if (counts.size() > 1) {
            throw new GatherException(List.of("shard files of " + counts.size() + " different runs (" + out
                    + ".shard-I-of-N with N = " + counts + "): say which with --shards N"));
        }
        return counts.first();
    }

    private static Checked check(Path file, int index, int count) throws IOException {
        long lines = 0;
        String last = null;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines++;
                last = line;
            }
        }
        JsonNode end = null;
        try {
            end = last == null ? null : JsonLines.MAPPER.readTree(last);
        } catch (IOException e) {
            // not an end record
        }
        if (end == null || !end.isObject() || !(index + "/" + count).equals(end.path(END).asText(null))
                || !end.path("inputs").canConvertToInt() || !end.path("results").canConvertToLong()) {
            return new Checked(0, 0, "has no end record for shard " + index + "/" + count + ", so it was cut short");
        }
        int inputs = end.get("inputs").asInt();
        long results = end.get("results").asLong();
        if (results != lines - 1) {
            return new Checked(inputs, results, "holds " + (lines - 1) + " result lines where its end record says "
                    + results);
        }
        if (results != inputs) {
            return new Checked(inputs, results, "has results for " + results + " of its " + inputs + " inputs (the "
                    + "others failed: see that shard's job output)");
        }
        return new Checked(inputs, results, null);
    }

    private static void join(Path out, int n, long total) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(dir, out.getFileName() + ".", ".partial");
        try {
            Map<Integer, BufferedReader> readers = new TreeMap<>();
            try (BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                for (int i = 0; i < n; i++) {
                    readers.put(i, Files.newBufferedReader(Shard.fileOf(out, i, n), StandardCharsets.UTF_8));
                }
                for (long k = 0; k < total; k++) {
                    writer.write(readers.get((int) (k % n)).readLine());
                    writer.write('\n');
                }
            } finally {
                for (BufferedReader reader : readers.values()) {
                    reader.close();
                }
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
