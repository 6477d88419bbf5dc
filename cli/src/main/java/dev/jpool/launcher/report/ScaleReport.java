package dev.jpool.launcher.report;

import dev.jpool.launcher.report.plot.ScalingPlots;
import dev.jpool.launcher.run.ScalingTable.Row;
import dev.jpool.launcher.run.ScalingTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a {@link ScalingTable} (text, JSON or CSV, the same numbers) and writes it, every run,
 * and its two plots into a directory.
 */
public final class ScaleReport extends Report {
    /** The files {@link #write(Path)} makes. */
    public static final List<String> FILES = List.of("scale.json", "scale-table.csv", "scale-runs.csv",
            "scale-time.png", "scale-time.svg", "scale-speedup.png", "scale-speedup.svg");

    private static final List<String> TABLE_COLUMNS = List.of("mode", "workers", "runs", "samples", "seed", "hits",
            "medianWallNanos", "minWallNanos", "maxWallNanos", "speedup", "efficiency", "serialFraction",
            "oversubscribed");
    private static final List<String> RUN_COLUMNS = List.of("mode", "workers", "run", "samples", "seed", "hits",
            "wallNanos", "oversubscribed");

    private final ScalingTable table;
    private final String origin;
    private final Machine machine;

    /** @param origin where the runs come from, e.g. "median of 3 runs" or "read from runs/" */
    public ScaleReport(ScalingTable table, String origin) {
        this(table, origin, Machine.unknown());
    }

    /**
     * @param origin  where the runs come from, e.g. "median of 3 runs" or "read from runs/"
     * @param machine where they were made, as far as known
     */
    public ScaleReport(ScalingTable table, String origin, Machine machine) {
        this.table = table;
        this.origin = origin;
        this.machine = machine;
    }

    /** Writes {@link #FILES} into {@code dir}, which exists. */
    public void write(Path dir) throws IOException {
        Files.writeString(dir.resolve("scale.json"), Json.write(json()) + System.lineSeparator(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("scale-table.csv"), render(this::csv), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("scale-runs.csv"), render(this::runsCsv), StandardCharsets.UTF_8);
        ScalingPlots plots = new ScalingPlots(table, subtitle());
        plots.writeTime(dir.resolve("scale-time"));
        plots.writeSpeedup(dir.resolve("scale-speedup"));
    }

    /** The plots' second line: where the runs were made, and what the bars show. */
    private String subtitle() {
        String where = machine.describe(table.cores() == null ? null : table.cores().cores());
        int most = table.rows().stream().mapToInt(row -> row.wallNanos().size()).max().orElse(1);
        String bars = most == 1 ? "one run per point" : "points are medians, bars min to max, of " + most + " runs";
        String busy = table.cores() != null && machine.load() != null && machine.load().busy(table.cores().cores())
                ? String.format(java.util.Locale.ROOT, "\nmeasured on a busy machine: load average %.1f on %d cores, "
                + "so the times vary more than on a quiet one", machine.load().loadAverageBefore(), table.cores().cores())
                : "";
        return (where.isEmpty() ? "runs read from files, machine unknown" : where) + "; " + bars + busy;
    }

    @Override
    void text(PrintWriter out) {
        out.printf(Locale.ROOT, "jpool scale: %s samples, seed %d, %s%n", Units.count(table.samples()),
                table.seed(), origin);
        out.println("  " + (table.cores() == null ? "cores of the machine that ran them unknown"
                : table.cores().describe() + " detected"));
        if (machine.kernel() != null) {
            out.println("  every mode on the " + machine.kernel() + " kernel");
        }
        out.printf(Locale.ROOT, "  hits %s in every run: pi = %.10f%n", Units.count(table.hits()),
                4.0 * table.hits() / table.samples());
        out.println();
        TextTable text = new TextTable("mode", "workers", "run time", "min-max", "speedup", "efficiency",
                "serial fraction", "");
        boolean marked = false;
        for (Row row : table.rows()) {
            marked |= Plausibility.tooEfficient(row.efficiency())
                    || (row.serialFraction() != null && row.serialFraction() < 0);
            text.add(row.mode(), Integer.toString(row.workers()), Units.duration(row.medianNanos()),
                    Units.range(row.minNanos(), row.maxNanos()),
                    String.format(Locale.ROOT, "%.2fx", row.speedup()), Plausibility.efficiency(row.efficiency()),
                    Plausibility.serialFraction(row.serialFraction()), row.oversubscribed() ? "oversubscribed" : "");
        }
        text.print(out, "  ");
        out.println();
        Wrap.print(out, "run time: median (min-max) wall time of the runs; speedup = serial median / median;"
                + " efficiency = speedup / workers", "  ");
        Wrap.print(out, "serial fraction: Karp-Flatt e = (1/speedup - 1/p) / (1 - 1/p) for p workers, the share of"
                + " the work that behaved as if it could not run in parallel (undefined for p = 1)", "  ");
        if (table.cores() != null && table.rows().stream().anyMatch(Row::oversubscribed)) {
            Wrap.print(out, "oversubscribed: more workers than the " + table.cores().cores()
                    + " cores detected, so they take turns on the cores: time stops falling, overhead grows", "  ");
        }
        Plausibility.notes(out, marked, true, machine.load(), table.cores() == null ? Integer.MAX_VALUE
                : table.cores().cores());
    }

    /** The warnings the text prints under the table, for JSON. */
    private List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        for (Row row : table.rows()) {
            if (Plausibility.tooEfficient(row.efficiency())) {
                warnings.add(String.format(Locale.ROOT, "%s %d: efficiency %.0f%% cannot be true", row.mode(),
                        row.workers(), 100 * row.efficiency()));
            }
            if (row.serialFraction() != null && row.serialFraction() < 0) {
                warnings.add(String.format(Locale.ROOT, "%s %d: serial fraction %.3f cannot be true", row.mode(),
                        row.workers(), row.serialFraction()));
            }
        }
        if (table.cores() != null) {
            Plausibility.busy(machine.load(), table.cores().cores()).ifPresent(warnings::add);
        }
        return warnings;
    }

    @Override
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("samples", table.samples());
        json.put("seed", table.seed());
        json.put("hits", table.hits());
        json.put("pi", 4.0 * table.hits() / table.samples());
        json.put("origin", origin);
        json.put("cores", table.cores() == null ? null : table.cores().cores());
        json.put("coresSource", table.cores() == null ? null : table.cores().source());
        json.put("cpu", machine.cpu());
        json.put("kernel", machine.kernel());
        json.put("jdk", machine.jdk());
        json.put("loadAverageBefore", machine.load() == null ? null : machine.load().loadAverageBefore());
        json.put("otherTasksBetweenRuns", machine.load() == null || machine.load().readings() == 0 ? null
                : round(machine.load().othersMean()));
        json.put("warnings", warnings());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Row row : table.rows()) {
            Map<String, Object> map = new LinkedHashMap<>();
            List<Object> values = tableValues(row);
            for (int i = 0; i < TABLE_COLUMNS.size(); i++) {
                if (!List.of("samples", "seed", "hits").contains(TABLE_COLUMNS.get(i))) {
                    map.put(TABLE_COLUMNS.get(i), values.get(i));
                }
            }
            map.put("wallNanosPerRun", row.wallNanos());
            rows.add(map);
        }
        json.put("rows", rows);
        return json;
    }

    @Override
    void csv(PrintWriter out) {
        out.println(String.join(",", TABLE_COLUMNS));
        for (Row row : table.rows()) {
            out.println(String.join(",", tableValues(row).stream().map(v -> v == null ? "" : v.toString()).toList()));
        }
    }

    private void runsCsv(PrintWriter out) {
        out.println(String.join(",", RUN_COLUMNS));
        for (Row row : table.rows()) {
            for (int run = 0; run < row.wallNanos().size(); run++) {
                out.println(String.join(",", row.mode(), Integer.toString(row.workers()), Integer.toString(run + 1),
                        Long.toString(table.samples()), Long.toString(table.seed()), Long.toString(table.hits()),
                        Long.toString(row.wallNanos().get(run)), Boolean.toString(row.oversubscribed())));
            }
        }
    }

    private List<Object> tableValues(Row row) {
        List<Object> values = new ArrayList<>();
        values.add(row.mode());
        values.add(row.workers());
        values.add(row.wallNanos().size());
        values.add(table.samples());
        values.add(table.seed());
        values.add(table.hits());
        values.add(row.medianNanos());
        values.add(row.minNanos());
        values.add(row.maxNanos());
        values.add(round(row.speedup()));
        values.add(round(row.efficiency()));
        values.add(row.serialFraction() == null ? null : round(row.serialFraction()));
        values.add(row.oversubscribed());
        return values;
    }

    private static String render(java.util.function.Consumer<PrintWriter> body) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        body.accept(out);
        out.flush();
        return text.toString();
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
