package dev.jpool.launcher.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tutorial's scaling table from a set of runs: per mode and worker count the median run
 * time with its range, the speedup over the serial median, the efficiency, and the Karp-Flatt
 * serial fraction. Runs with the same mode and worker count are repeats.
 *
 * @param samples the runs' sample count
 * @param seed    their seed
 * @param hits    their hit count
 * @param cores   the cores detected where the runs were made, or null where unknown
 * @param rows    serial first, then process, thread and any other mode, each by worker count
 */
public record ScalingTable(long samples, long seed, long hits, CoreCount cores, List<Row> rows) {
    /**
     * One line of the table.
     *
     * @param wallNanos      every run's wall time, in the order made
     * @param medianNanos    the median (the mean of the middle two for an even count)
     * @param speedup        serial median / this median
     * @param efficiency     speedup / workers
     * @param serialFraction Karp-Flatt e = (1/S - 1/p) / (1 - 1/p), null for one worker
     * @param oversubscribed more workers than the cores detected
     */
    public record Row(String mode, int workers, List<Long> wallNanos, long medianNanos, long minNanos,
                      long maxNanos, double speedup, double efficiency, Double serialFraction,
                      boolean oversubscribed) {
        public Row {
            wallNanos = List.copyOf(wallNanos);
        }

        public boolean serial() {
            return RunRecord.SERIAL.equals(mode);
        }
    }

    public ScalingTable {
        rows = List.copyOf(rows);
    }

    /**
     * @param cores null where the machine that made the runs is not known
     * @throws IllegalArgumentException when there are no runs, they are of different samples,
     *         seeds or hit counts, or none is serial
     */
    public static ScalingTable of(List<RunRecord> runs, CoreCount cores) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        RunRecord first = runs.get(0);
        for (RunRecord run : runs) {
            if (run.samples() != first.samples() || run.seed() != first.seed()) {
                throw new IllegalArgumentException("runs of different experiments: " + describe(first) + " and "
                        + describe(run) + "; a scaling table needs the same samples and seed throughout");
            }
            if (run.hits() != first.hits()) {
                throw new IllegalArgumentException("hit counts differ for the same samples and seed: " + describe(first)
                        + " has " + first.hits() + ", " + describe(run) + " has " + run.hits());
            }
        }
        Map<String, List<RunRecord>> groups = new LinkedHashMap<>();
        runs.stream().sorted(Comparator.comparingInt((RunRecord r) -> modeOrder(r.mode())).thenComparing(RunRecord::mode)
                        .thenComparingInt(RunRecord::workers))
                .forEach(r -> groups.computeIfAbsent(r.mode() + "\u0000" + r.workers(), k -> new ArrayList<>()).add(r));
        List<RunRecord> serial = runs.stream().filter(RunRecord::serial).toList();
        if (serial.isEmpty()) {
            throw new IllegalArgumentException("no serial run among the " + runs.size()
                    + " runs: the serial run is the baseline of speedup and efficiency");
        }
        long serialMedian = median(serial.stream().map(RunRecord::wallNanos).toList());
        List<Row> rows = new ArrayList<>();
        for (List<RunRecord> group : groups.values()) {
            RunRecord one = group.get(0);
            int p = one.serial() ? 1 : one.workers();
            List<Long> walls = group.stream().map(RunRecord::wallNanos).toList();
            long median = median(walls);
            double speedup = (double) serialMedian / median;
            Double e = p == 1 || one.serial() ? null : (1 / speedup - 1.0 / p) / (1 - 1.0 / p);
            rows.add(new Row(one.mode(), p, walls, median, walls.stream().mapToLong(Long::longValue).min().orElseThrow(),
                    walls.stream().mapToLong(Long::longValue).max().orElseThrow(), speedup, speedup / p, e,
                    cores != null && p > cores.cores()));
        }
        return new ScalingTable(first.samples(), first.seed(), first.hits(), cores, rows);
    }

    /** The serial row. */
    public Row serial() {
        return rows.get(0);
    }

    /** The modes other than serial, in table order. */
    public List<String> parallelModes() {
        return rows.stream().filter(r -> !r.serial()).map(Row::mode).distinct().toList();
    }

    /** Rows of one mode, by worker count. */
    public List<Row> rows(String mode) {
        return rows.stream().filter(r -> r.mode().equals(mode)).toList();
    }

    static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static int modeOrder(String mode) {
        return switch (mode) {
            case "serial" -> 0;
            case "process" -> 1;
            case "thread" -> 2;
            default -> 3;
        };
    }

    private static String describe(RunRecord run) {
        return run.mode() + " with " + run.workers() + " worker" + (run.workers() == 1 ? "" : "s") + " ("
                + run.samples() + " samples, seed " + run.seed() + ")";
    }
}
