package dev.jpool.launcher.run;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the smallest sample count at which a parallel mode beats serial: grows the count ten
 * times at a step from a small start until the mode is faster (or the maximum is passed), then
 * bisects, geometrically, between the last size where it lost and the first where it won, until
 * they are within the tolerance. Every size is measured as the median of a few runs per mode;
 * the crossover reported is always a size at which the mode's measured median was below serial's.
 */
public final class CrossoverSearch {
    /** Sizes grow by this factor. */
    public static final long GROWTH = 10;
    /** Bisection stops once the winning size is within this factor of the losing one. */
    public static final double TOLERANCE = 1.10;
    /** At most this many bisection steps per mode. */
    static final int MAX_BISECTIONS = 16;

    /**
     * What to search.
     *
     * @param modes parallel modes to find the crossover of (thread, process)
     */
    public record Settings(int workers, long seed, long startSamples, long maxSamples, int repeat, List<Mode> modes) {
        public Settings {
            modes = List.copyOf(modes);
            if (startSamples < 1 || maxSamples < startSamples || repeat < 1 || workers < 1 || modes.isEmpty()
                    || modes.contains(Mode.SERIAL)) {
                throw new IllegalArgumentException("bad crossover settings: " + workers + " workers, samples "
                        + startSamples + ".." + maxSamples + ", repeat " + repeat + ", modes " + modes);
            }
        }
    }

    /**
     * One size tried.
     *
     * @param step        "grow", or "bisect thread" / "bisect process"
     * @param samples     the sample count
     * @param medianNanos median wall time per mode measured (serial always; others where measured)
     */
    public record Trial(String step, long samples, Map<Mode, Long> medianNanos) {
        public Trial {
            medianNanos = Map.copyOf(medianNanos);
        }

        /** Whether {@code mode} was measured here and its median was below serial's. */
        public boolean beatsSerial(Mode mode) {
            Long time = medianNanos.get(mode);
            return time != null && time < medianNanos.get(Mode.SERIAL);
        }
    }

    /**
     * Where a mode starts to win.
     *
     * @param won         the smallest size at which it was measured faster than serial, or null if it never was
     * @param lostAt      the largest size below that at which it was measured slower, or null if none was tried
     */
    public record Crossover(Mode mode, Trial won, Long lostAt) {
        public boolean reached() {
            return won != null;
        }
    }

    public record Result(Settings settings, List<Trial> trials, List<Crossover> crossovers) {
        public Result {
            trials = List.copyOf(trials);
            crossovers = List.copyOf(crossovers);
        }
    }

    private final Map<Mode, PiRunner> runners = new EnumMap<>(Mode.class);

    public CrossoverSearch(List<PiRunner> runners) {
        runners.forEach(runner -> this.runners.put(runner.mode(), runner));
    }

    public Result run(Settings settings) throws InterruptedException {
        List<Mode> all = new ArrayList<>(List.of(Mode.SERIAL));
        all.addAll(settings.modes());
        // Warm the launcher's JIT for the modes that run in it; every worker JVM starts cold, as it always will.
        measure(settings, "warm-up", Math.min(10_000_000L, settings.maxSamples()),
                all.stream().filter(mode -> mode != Mode.PROCESS).toList(), 1);

        List<Trial> trials = new ArrayList<>();
        Map<Mode, Trial> won = new EnumMap<>(Mode.class);
        Map<Mode, Long> lost = new EnumMap<>(Mode.class);
        long samples = settings.startSamples();
        while (true) {
            Trial trial = measure(settings, "grow", samples, all, settings.repeat());
            trials.add(trial);
            for (Mode mode : settings.modes()) {
                if (!won.containsKey(mode)) {
                    if (trial.beatsSerial(mode)) {
                        won.put(mode, trial);
                    } else {
                        lost.put(mode, samples);
                    }
                }
            }
            if (won.size() == settings.modes().size() || samples >= settings.maxSamples()) {
                break;
            }
            samples = samples > settings.maxSamples() / GROWTH ? settings.maxSamples() : samples * GROWTH;
        }

        List<Crossover> crossovers = new ArrayList<>();
        for (Mode mode : settings.modes()) {
            Trial win = won.get(mode);
            Long lo = lost.get(mode);
            if (win != null && lo != null) {
                long hi = win.samples();
                for (int step = 0; step < MAX_BISECTIONS && hi > lo * TOLERANCE; step++) {
                    long mid = Math.round(Math.sqrt((double) lo * hi));
                    if (mid <= lo || mid >= hi) {
                        break;
                    }
                    Trial trial = measure(settings, "bisect " + mode, mid, List.of(Mode.SERIAL, mode), settings.repeat());
                    trials.add(trial);
                    if (trial.beatsSerial(mode)) {
                        hi = mid;
                        win = trial;
                    } else {
                        lo = mid;
                    }
                }
            }
            crossovers.add(new Crossover(mode, win, lo));
        }
        return new Result(settings, trials, crossovers);
    }

    /** The median of {@code repeat} runs of each mode, interleaved. */
    private Trial measure(Settings settings, String step, long samples, List<Mode> modes, int repeat)
            throws InterruptedException {
        Map<Mode, List<Long>> walls = new EnumMap<>(Mode.class);
        Long hits = null;
        for (int r = 0; r < repeat; r++) {
            for (Mode mode : modes) {
                PiRun run = runners.get(mode).run(samples, settings.seed(), mode == Mode.SERIAL ? 1 : settings.workers());
                if (hits != null && run.hits() != hits) {
                    throw new IllegalStateException("hit counts differ at " + samples + " samples: " + hits + " and "
                            + run.hits() + " (" + mode + "); this is a bug in jpool");
                }
                hits = run.hits();
                walls.computeIfAbsent(mode, m -> new ArrayList<>()).add(run.wallNanos());
            }
        }
        Map<Mode, Long> medians = new EnumMap<>(Mode.class);
        walls.forEach((mode, list) -> medians.put(mode, ScalingTable.median(list)));
        return new Trial(step, samples, medians);
    }
}
