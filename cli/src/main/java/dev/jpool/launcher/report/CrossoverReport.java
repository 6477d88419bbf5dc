package dev.jpool.launcher.report;

import dev.jpool.launcher.run.CrossoverSearch.Crossover;
import dev.jpool.launcher.run.CrossoverSearch.Trial;
import dev.jpool.launcher.run.CrossoverSearch;
import dev.jpool.launcher.run.Mode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a crossover search: every size tried with its three times, then where each mode starts to win. */
public final class CrossoverReport extends Report {
    private static final List<Mode> COLUMNS = List.of(Mode.SERIAL, Mode.THREAD, Mode.PROCESS);

    private final CrossoverSearch.Result result;
    private final String kernel;

    public CrossoverReport(CrossoverSearch.Result result) {
        this(result, null);
    }

    /** @param kernel the kernel every mode counted with, null where unknown */
    public CrossoverReport(CrossoverSearch.Result result, String kernel) {
        this.result = result;
        this.kernel = kernel;
    }

    @Override
    void text(PrintWriter out) {
        var s = result.settings();
        out.printf(Locale.ROOT, "jpool crossover: %d worker%s, seed %d, median of %d run%s per size and mode%n",
                s.workers(), s.workers() == 1 ? "" : "s", s.seed(), s.repeat(), s.repeat() == 1 ? "" : "s");
        out.printf(Locale.ROOT, "  sizes x%d from %s up to %s, then bisected to within %.0f%%%n", CrossoverSearch.GROWTH,
                Units.count(s.startSamples()), Units.count(s.maxSamples()), (CrossoverSearch.TOLERANCE - 1) * 100);
        if (kernel != null) {
            out.println("  every mode on the " + kernel + " kernel");
        }
        out.println();
        TextTable table = new TextTable("step", "samples", "serial", "thread", "process", "faster than serial");
        for (Trial trial : result.trials()) {
            List<String> winners = new ArrayList<>();
            for (Mode mode : List.of(Mode.THREAD, Mode.PROCESS)) {
                if (trial.beatsSerial(mode)) {
                    winners.add(mode.label());
                }
            }
            table.add(trial.step(), Units.count(trial.samples()), time(trial, Mode.SERIAL), time(trial, Mode.THREAD),
                    time(trial, Mode.PROCESS), winners.isEmpty() ? "-" : String.join(", ", winners));
        }
        table.print(out, "  ");
        out.println();
        for (Crossover c : result.crossovers()) {
            Wrap.print(out, sentence(c), "  ");
        }
    }

    private String sentence(Crossover c) {
        String who = c.mode() == Mode.THREAD ? "threads" : c.mode() == Mode.PROCESS ? "processes" : c.mode().label();
        if (!c.reached()) {
            return who + " never beat serial up to " + Units.count(result.settings().maxSamples()) + " samples";
        }
        Trial won = c.won();
        String times = String.format(Locale.ROOT, "%s %s against serial %s", c.mode().label(),
                Units.duration(won.medianNanos().get(c.mode())), Units.duration(won.medianNanos().get(Mode.SERIAL)));
        if (c.lostAt() == null) {
            return who + " beat serial already at " + Units.count(won.samples()) + " samples, the smallest size tried ("
                    + times + ")";
        }
        return who + " beat serial from " + Units.count(won.samples()) + " samples (" + times + "); at "
                + Units.count(c.lostAt()) + " they did not";
    }

    private static String time(Trial trial, Mode mode) {
        Long nanos = trial.medianNanos().get(mode);
        return nanos == null ? "-" : Units.duration(nanos);
    }

    @Override
    Map<String, Object> json() {
        var s = result.settings();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("workers", s.workers());
        json.put("seed", s.seed());
        json.put("repeat", s.repeat());
        json.put("startSamples", s.startSamples());
        json.put("maxSamples", s.maxSamples());
        json.put("growth", CrossoverSearch.GROWTH);
        json.put("tolerance", CrossoverSearch.TOLERANCE);
        json.put("kernel", kernel);
        List<Map<String, Object>> trials = new ArrayList<>();
        for (Trial trial : result.trials()) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("step", trial.step());
            map.put("samples", trial.samples());
            for (Mode mode : COLUMNS) {
                map.put(mode.label() + "Nanos", trial.medianNanos().get(mode));
            }
            trials.add(map);
        }
        json.put("trials", trials);
        List<Map<String, Object>> crossovers = new ArrayList<>();
        for (Crossover c : result.crossovers()) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("mode", c.mode().label());
            map.put("reached", c.reached());
            map.put("samples", c.reached() ? c.won().samples() : null);
            map.put("modeNanos", c.reached() ? c.won().medianNanos().get(c.mode()) : null);
            map.put("serialNanos", c.reached() ? c.won().medianNanos().get(Mode.SERIAL) : null);
            map.put("lostAtSamples", c.lostAt());
            crossovers.add(map);
        }
        json.put("crossovers", crossovers);
        return json;
    }

    @Override
    void csv(PrintWriter out) {
        out.println("step,samples,serialNanos,threadNanos,processNanos");
        for (Trial trial : result.trials()) {
            List<String> cells = new ArrayList<>(List.of(trial.step(), Long.toString(trial.samples())));
            for (Mode mode : COLUMNS) {
                Long nanos = trial.medianNanos().get(mode);
                cells.add(nanos == null ? "" : nanos.toString());
            }
            out.println(String.join(",", cells));
        }
    }
}
