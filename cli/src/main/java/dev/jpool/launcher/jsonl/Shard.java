package dev.jpool.launcher.jsonl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One shard of a {@code map} input, for a SLURM job array: shard {@code index} of {@code count}
 * takes inputs {@code index}, {@code index + count}, {@code index + 2 count}, ... (counting the
 * input's non-blank lines from 0), so the shards are the same size within one input and each
 * reads the whole input but parses only its own lines. Its results go to a file of their own,
 * {@link #file}, which {@link ShardFiles#gather} joins back in input order.
 *
 * @param index  which shard, from 0 to {@code count - 1}
 * @param count  how many shards
 * @param source what chose it: "--shard" or the array task's variables
 */
public record Shard(int index, int count, String source) {
    /** Most shards: a job array's size limit on most sites is far below this. */
    public static final int MAX = 1_000_000;
    private static final Pattern SPEC = Pattern.compile("(\\d{1,7})/(\\d{1,7})");

    public Shard {
        if (count < 1 || count > MAX || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " is not one of 0/" + count + " to "
                    + (count - 1) + "/" + count);
        }
    }

    /** {@code --shard I/N}. */
    public static Shard parse(String spec) {
        Matcher m = SPEC.matcher(spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--shard takes I/N, shard I (from 0) of N, e.g. 0/3; got '" + spec + "'");
        }
        int index = Integer.parseInt(m.group(1));
        int count = Integer.parseInt(m.group(2));
        if (count < 1 || index >= count) {
            throw new IllegalArgumentException("--shard " + spec + ": I must be from 0 to N-1 and N at least 1");
        }
        return new Shard(index, count, "--shard");
    }

    /**
     * The shard of this SLURM array task: {@code SLURM_ARRAY_TASK_ID} less {@code SLURM_ARRAY_TASK_MIN}
     * of {@code SLURM_ARRAY_TASK_COUNT}, so {@code --array=0-2} and {@code --array=1-3} both make
     * shards 0, 1 and 2 of 3. Empty outside a job array.
     *
     * @throws IllegalArgumentException where the array's indices are not consecutive
     */
    public static Optional<Shard> ofArrayTask(Map<String, String> env) {
        String id = env.get("SLURM_ARRAY_TASK_ID");
        String count = env.get("SLURM_ARRAY_TASK_COUNT");
        if (id == null || count == null) {
            return Optional.empty();
        }
        String min = env.getOrDefault("SLURM_ARRAY_TASK_MIN", "0");
        String source = "SLURM_ARRAY_TASK_ID=" + id + ", SLURM_ARRAY_TASK_COUNT=" + count
                + ("0".equals(min) ? "" : ", SLURM_ARRAY_TASK_MIN=" + min);
        try {
            int index = Integer.parseInt(id.trim()) - Integer.parseInt(min.trim());
            int n = Integer.parseInt(count.trim());
            if (n >= 1 && n <= MAX && index >= 0 && index < n) {
                return Optional.of(new Shard(index, n, source));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("this array task (" + source + ") is not shard 0 to N-1 of N: submit the "
                + "array with consecutive indices, e.g. sbatch --array=0-" + "(N-1), or give --shard I/N");
    }

    /** "shard 1/3". */
    public String label() {
        return "shard " + index + "/" + count;
    }

    /** Where this shard's results go: {@code OUT.shard-I-of-N}. */
    public Path file(Path out) {
        return fileOf(out, index, count);
    }

    static Path fileOf(Path out, int index, int count) {
        return out.resolveSibling(out.getFileName() + ".shard-" + index + "-of-" + count);
    }

    /** Whether the {@code k}-th input (from 0, over non-blank lines) is this shard's. */
    boolean owns(long k) {
        return k % count == index;
    }

    /**
     * This shard's inputs among all of an input's lines, as {@link JsonLines#read} read them (the
     * same line numbers, the same failures for lines that are not valid JSON or UTF-8): every
     * {@code count}-th line from the {@code index}-th, blank lines not counted.
     */
    public List<JsonLines.Line> select(List<JsonLines.Line> all) {
        List<JsonLines.Line> lines = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            if (owns(k)) {
                lines.add(all.get(k));
            }
        }
        return lines;
    }
}
