package dev.jpool.launcher.run;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The tutorial's scaling experiment: the same samples and seed serially (the baseline) and on
 * every worker count in every parallel mode, {@code repeat} rounds, each round one serial run
 * and then every count and mode (interleaved, so drift in the machine's load hits them alike).
 */
public final class ScalingStudy {
    /**
     * What to run.
     *
     * @param workerCounts distinct counts, ascending
     * @param modes        parallel modes (thread, process); serial always runs as the baseline
     */
    public record Plan(long samples, long seed, List<Integer> workerCounts, List<Mode> modes, int repeat) {
        public Plan {
            workerCounts = List.copyOf(workerCounts);
            modes = List.copyOf(modes);
            if (modes.contains(Mode.SERIAL)) {
                throw new IllegalArgumentException("serial is the baseline, not a mode to scale");
            }
        }

        /** Runs in all: a serial run and every count in every mode, per round. */
        public int runs() {
            return repeat * (1 + workerCounts.size() * modes.size());
        }
    }

    private final Map<Mode, PiRunner> runners = new EnumMap<>(Mode.class);
    private final MachineLoad load;

    public ScalingStudy(List<PiRunner> runners) {
        this(runners, new MachineLoad());
    }

    /** @param load hears when the runs start and each one ends, to read how busy the machine was */
    public ScalingStudy(List<PiRunner> runners, MachineLoad load) {
        runners.forEach(runner -> this.runners.put(runner.mode(), runner));
        this.load = load;
    }

    /**
     * Every run, in the order made. A {@link WarmUp} of serial (and threads) comes first and is not
     * counted: without it the first serial run, the baseline of every row, would be the one that
     * compiles the kernel in this JVM (with {@code --repeat 1} a thread run of one worker then
     * showed twice the serial speed). Worker JVMs start cold every time, and that is part of what
     * a process run costs.
     */
    public List<PiRun> run(Plan plan) throws InterruptedException {
        WarmUp.launcherModes(runner(Mode.SERIAL), plan.modes().contains(Mode.THREAD) ? runner(Mode.THREAD) : null,
                plan.samples(), plan.seed(), plan.workerCounts().get(plan.workerCounts().size() - 1));
        List<PiRun> runs = new ArrayList<>();
        load.beforeRuns();
        for (int round = 0; round < plan.repeat(); round++) {
            runs.add(measured(runner(Mode.SERIAL).run(plan.samples(), plan.seed(), 1)));
            for (int workers : plan.workerCounts()) {
                for (Mode mode : plan.modes()) {
                    runs.add(measured(runner(mode).run(plan.samples(), plan.seed(), workers)));
                }
            }
        }
        for (PiRun run : runs) {
            if (run.hits() != runs.get(0).hits()) {
                throw new IllegalStateException("hit counts differ: serial " + runs.get(0).hits() + ", " + run.mode()
                        + " with " + run.workers().size() + " workers " + run.hits() + "; this is a bug in jpool");
            }
        }
        return runs;
    }

    private PiRun measured(PiRun run) {
        load.betweenRuns();
        return run;
    }

    private PiRunner runner(Mode mode) {
        PiRunner runner = runners.get(mode);
        if (runner == null) {
            throw new IllegalArgumentException("no runner for " + mode);
        }
        return runner;
    }
}
