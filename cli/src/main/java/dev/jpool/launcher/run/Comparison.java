package dev.jpool.launcher.run;

import dev.jpool.host.PeakRss;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Serial, threads and processes on the same samples and seed, {@code repeat} times each
 * (interleaved, so drift in the machine's load hits every mode alike), summarised by medians.
 */
public final class Comparison {
    /**
     * One mode's medians.
     *
     * @param mode        the mode
     * @param workers     workers it ran with (1 for serial)
     * @param kernel      the kernel that counted the darts in this mode (it depends on the JVM: see
     *                    {@link dev.jpool.pi.PiKernels})
     * @param runs        every run, in order
     * @param wallNanos   median wall time
     * @param minWallNanos fastest run
     * @param maxWallNanos slowest run
     * @param speedup     serial median wall / this median wall
     * @param efficiency  speedup / workers
     * @param phases      median over runs of the mean over workers, per phase
     * @param jvms        JVMs that took part: 1 for serial and threads, launcher + N for processes
     * @param peakRssKibPerJvm the median worker JVM's peak RSS (processes), else the launcher's
     */
    public record Row(Mode mode, int workers, String kernel, List<PiRun> runs, long wallNanos, long minWallNanos,
                      long maxWallNanos, double speedup, double efficiency, Phases phases, int jvms, Long peakRssKibPerJvm) {
    }

    /** Where the time went, in nanoseconds; see {@link WorkerTiming} for what each means per mode. */
    public record Phases(long start, long send, long compute, long collect, long stop) {
    }

    /**
     * The table.
     *
     * @param samples samples per run
     * @param seed    the seed
     * @param hits    the hit count, identical in every run
     * @param repeat  runs per mode
     * @param rows    serial, thread, process
     * @param launcherPeakRssKib the launcher JVM's peak RSS at the end, null where unknown
     */
    public record Result(long samples, long seed, long hits, int repeat, List<Row> rows, Long launcherPeakRssKib) {
        /** The kernel every mode used, or empty when the modes ran different kernels. */
        public Optional<String> commonKernel() {
            List<String> kernels = rows.stream().map(Row::kernel).distinct().toList();
            return kernels.size() == 1 ? Optional.of(kernels.get(0)) : Optional.empty();
        }
    }

    private final Map<Mode, PiRunner> runners = new EnumMap<>(Mode.class);
    private final MachineLoad load;

    public Comparison(PiRunner serial, PiRunner thread, PiRunner process) {
        this(serial, thread, process, new MachineLoad());
    }

    /** @param load hears when the runs start and each one ends, to read how busy the machine was */
    public Comparison(PiRunner serial, PiRunner thread, PiRunner process, MachineLoad load) {
        runners.put(Mode.SERIAL, serial);
        runners.put(Mode.THREAD, thread);
        runners.put(Mode.PROCESS, process);
        this.load = load;
    }

    /**
     * {@code repeat} rounds of serial, threads, processes, after a {@link WarmUp} of the two modes
     * that run in this JVM (so the first serial run is not the one that compiles the kernel).
     */
    public Result run(long samples, long seed, int workers, int repeat) throws InterruptedException {
        WarmUp.launcherModes(runners.get(Mode.SERIAL), runners.get(Mode.THREAD), samples, seed, workers);
        Map<Mode, List<PiRun>> runs = new EnumMap<>(Mode.class);
        load.beforeRuns();
        for (int r = 0; r < repeat; r++) {
            for (Mode mode : List.of(Mode.SERIAL, Mode.THREAD, Mode.PROCESS)) {
                int n = mode == Mode.SERIAL ? 1 : workers;
                runs.computeIfAbsent(mode, m -> new ArrayList<>()).add(runners.get(mode).run(samples, seed, n));
                load.betweenRuns();
            }
        }
        long hits = runs.get(Mode.SERIAL).get(0).hits();
        for (List<PiRun> list : runs.values()) {
            for (PiRun run : list) {
                if (run.hits() != hits) {
                    throw new IllegalStateException("hit counts differ between modes: serial " + hits + ", "
                            + run.mode() + " " + run.hits() + "; this is a bug in jpool");
                }
            }
        }
        long serialWall = median(runs.get(Mode.SERIAL), PiRun::wallNanos);
        List<Row> rows = new ArrayList<>();
        for (Mode mode : List.of(Mode.SERIAL, Mode.THREAD, Mode.PROCESS)) {
            List<PiRun> list = runs.get(mode);
            int n = mode == Mode.SERIAL ? 1 : workers;
            long wall = median(list, PiRun::wallNanos);
            double speedup = (double) serialWall / wall;
            String kernel = list.stream().map(PiRun::kernel).distinct().collect(Collectors.joining("+"));
            rows.add(new Row(mode, n, kernel, list, wall, min(list), max(list), speedup, speedup / n, phases(list),
                    mode == Mode.PROCESS ? n + 1 : 1, peakRss(mode, list)));
        }
        return new Result(samples, seed, hits, repeat, rows, PeakRss.selfKibOrNull());
    }

    private static Phases phases(List<PiRun> runs) {
        return new Phases(
                median(runs, run -> mean(run, WorkerTiming::startNanos)),
                median(runs, run -> mean(run, WorkerTiming::sendNanos)),
                median(runs, run -> mean(run, WorkerTiming::computeNanos)),
                median(runs, run -> mean(run, WorkerTiming::collectNanos)),
                median(runs, run -> mean(run, WorkerTiming::stopNanos)));
    }

    private static Long peakRss(Mode mode, List<PiRun> runs) {
        if (mode != Mode.PROCESS) {
            return runs.get(runs.size() - 1).launcherPeakRssKib();
        }
        long[] values = runs.stream().flatMap(run -> run.workers().stream())
                .map(WorkerTiming::peakRssKib).filter(v -> v != null).mapToLong(Long::longValue).sorted().toArray();
        return values.length == 0 ? null : values[values.length / 2];
    }

    private static long mean(PiRun run, ToLongFunction<WorkerTiming> phase) {
        return (long) run.workers().stream().mapToLong(phase).average().orElse(0);
    }

    static long median(List<PiRun> runs, ToLongFunction<PiRun> value) {
        long[] values = runs.stream().mapToLong(value).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static long min(List<PiRun> runs) {
        return runs.stream().mapToLong(PiRun::wallNanos).min().orElseThrow();
    }

    private static long max(List<PiRun> runs) {
        return runs.stream().mapToLong(PiRun::wallNanos).max().orElseThrow();
    }
}
