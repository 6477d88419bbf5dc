package dev.jpool.launcher.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How busy the machine was while runs were measured, from Linux's {@code /proc/loadavg}: other
 * work that takes turns on the cores with the runs slows them, by more in some runs than others.
 * It reads the one-minute load average before the first run (the load of others: the runs have
 * not started) and, between runs, the tasks running at that instant less this one (the runs
 * just made are over, so again the load of others). Where there is no {@code /proc/loadavg}
 * it knows nothing and says so.
 */
public final class MachineLoad {
    /** The file it reads: "0.52 0.58 0.59 2/345 6789". */
    public static final Path LOADAVG = Path.of("/proc/loadavg");

    private final Path file;
    private Double before;
    private double othersSum;
    private int othersCount;
    private double othersMax;

    public MachineLoad() {
        this(LOADAVG);
    }

    MachineLoad(Path file) {
        this.file = file;
    }

    /**
     * What was read.
     *
     * @param loadAverageBefore the one-minute load average before the first run
     * @param othersMean        mean tasks running, other than this thread, between runs
     * @param othersMax         the most seen between runs
     * @param readings          readings between runs
     */
    public record Reading(double loadAverageBefore, double othersMean, double othersMax, int readings) {
        /** Whether other work was more than the cores could run beside the runs: times are not to be trusted. */
        public boolean busy(int cores) {
            return loadAverageBefore > cores || (readings > 0 && othersMean > cores);
        }

        /** "load average 3.17 before the runs, 2.4 other tasks running between runs (at most 5)". */
        public String describe() {
            String text = String.format(Locale.ROOT, "load average %.2f before the runs", loadAverageBefore);
            if (readings > 0) {
                text += String.format(Locale.ROOT, ", %.1f other tasks running between runs (at most %.0f)",
                        othersMean, othersMax);
            }
            return text;
        }
    }

    /** Call before the first run. */
    public void beforeRuns() {
        read().ifPresent(fields -> before = Double.parseDouble(fields[0]));
    }

    /** Call after each run. */
    public void betweenRuns() {
        read().ifPresent(fields -> {
            String running = fields[3];
            int slash = running.indexOf('/');
            if (slash > 0) {
                double others = Math.max(0, Integer.parseInt(running.substring(0, slash)) - 1);
                othersSum += others;
                othersCount++;
                othersMax = Math.max(othersMax, others);
            }
        });
    }

    /** What was read, or empty where this system has no load average. */
    public Optional<Reading> reading() {
        if (before == null) {
            return Optional.empty();
        }
        return Optional.of(new Reading(before, othersCount == 0 ? 0 : othersSum / othersCount, othersMax,
                othersCount));
    }

    private Optional<String[]> read() {
        try {
            String[] fields = Files.readString(file).trim().split("\\s+");
            if (fields.length < 4) {
                return Optional.empty();
            }
            Double.parseDouble(fields[0]);
            return Optional.of(fields);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not Linux, or a file we cannot read: no reading, no warning
        }
    }
}
