package dev.jpool.launcher.report;

import dev.jpool.launcher.run.Comparison.Row;
import dev.jpool.launcher.run.Comparison;
import dev.jpool.launcher.run.MachineLoad;
import dev.jpool.launcher.run.Mode;
import dev.jpool.launcher.slurm.SlurmJob;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a {@link Comparison.Result}: one table, the same numbers in text, JSON and CSV. */
public final class CompareReport extends Report {
    private static final List<String> CSV_COLUMNS = List.of("mode", "workers", "samples", "seed", "hits", "repeat",
            "wallNanos", "minWallNanos", "maxWallNanos", "speedup", "efficiency", "startNanos", "sendNanos",
            "computeNanos", "collectNanos", "stopNanos", "jvms", "peakRssKibPerJvm", "kernel");

    private final Comparison.Result result;
    private final String workersSource;
    private final boolean memoryAvailable;
    private final SlurmJob job;
    private final boolean wide;
    private final MachineLoad.Reading load;
    private final int cores;
    private final String runtime;

    /** @param job the SLURM job the launcher runs in, null outside one */
    public CompareReport(Comparison.Result result, String workersSource, boolean memoryAvailable, SlurmJob job) {
        this(result, workersSource, memoryAvailable, job, false, null, Runtime.getRuntime().availableProcessors(), null);
    }

    /**
     * @param job     the SLURM job the launcher runs in, null outside one
     * @param wide    one table with every column, on lines as long as they need (else within 100 columns)
     * @param load    how busy the machine was while measuring, null where unknown
     * @param cores   the cores the runs had, to tell a busy machine
     * @param runtime the JDK and what worker JVMs started from ({@code AotCache.describeRuntime}), or null
     */
    public CompareReport(Comparison.Result result, String workersSource, boolean memoryAvailable, SlurmJob job,
                         boolean wide, MachineLoad.Reading load, int cores, String runtime) {
        this.result = result;
        this.workersSource = workersSource;
        this.memoryAvailable = memoryAvailable;
        this.job = job;
        this.wide = wide;
        this.load = load;
        this.cores = cores;
        this.runtime = runtime;
    }

    @Override
    void text(PrintWriter out) {
        int workers = result.rows().get(1).workers();
        out.printf(Locale.ROOT, "jpool compare: %s samples, seed %d, %d worker%s (%s), median of %d run%s%n",
                Units.count(result.samples()), result.seed(), workers, workers == 1 ? "" : "s", workersSource,
                result.repeat(), result.repeat() == 1 ? "" : "s");
        result.commonKernel().ifPresent(kernel -> out.println("  every mode on the " + kernel + " kernel"));
        out.printf(Locale.ROOT, "  hits %s in every run of every mode: pi = %.10f%n", Units.count(result.hits()),
                4.0 * result.hits() / result.samples());
        if (runtime != null) {
            out.println("  " + runtime);
        }
        if (job != null) {
            out.println("  slurm " + SlurmText.describe(job));
        }
        String stepNodes = SlurmText.stepNodes(result.rows().get(2).runs());
        if (!stepNodes.isEmpty()) {
            out.println("  worker JVMs ran as SLURM job steps on " + stepNodes + " (summed over the runs)");
        }
        if (result.commonKernel().isEmpty()) {
            kernelNote(out);
        }
        out.println();
        if (wide) {
            wideTable(out);
        } else {
            narrowTables(out);
        }
        boolean marked = result.rows().stream().anyMatch(row -> Plausibility.tooEfficient(row.efficiency()));
        if (marked || Plausibility.busy(load, cores).isPresent()) {
            out.println();
            Plausibility.notes(out, marked, false, load, cores);
        }
    }

    /** Within 100 columns: the times, then where the time went, then what the phases mean. */
    private void narrowTables(PrintWriter out) {
        TextTable table = new TextTable("mode", "workers", "wall", "min-max", "speedup", "efficiency", "JVMs",
                "peak RSS/JVM");
        for (Row row : result.rows()) {
            table.add(row.mode().label(), Integer.toString(row.workers()), Units.duration(row.wallNanos()),
                    Units.range(row.minWallNanos(), row.maxWallNanos()),
                    String.format(Locale.ROOT, "%.2fx", row.speedup()), Plausibility.efficiency(row.efficiency()),
                    row.mode() == Mode.PROCESS ? "1+" + row.workers() : "1", Units.mib(row.peakRssKibPerJvm()));
        }
        table.print(out, "  ");
        out.println();
        out.println("  Where the time went (mean per worker, median over runs):");
        TextTable phases = new TextTable("mode", "start", "send", "compute", "collect", "stop");
        for (Row row : result.rows()) {
            phases.add(phaseCells(row).toArray(String[]::new));
        }
        phases.print(out, "    ");
        out.println();
        Wrap.print(out, PhaseLegend.of(Mode.THREAD), "    ");
        Wrap.print(out, PhaseLegend.of(Mode.PROCESS), "    ");
        Wrap.print(out, "Memory: " + memoryNote(), "  ");
    }

    /** Every column in one table, the legends on one line each: for a wide terminal (--wide). */
    private void wideTable(PrintWriter out) {
        TextTable table = new TextTable("mode", "workers", "wall", "min-max", "speedup", "efficiency", "start", "send",
                "compute", "collect", "stop", "JVMs", "peak RSS/JVM");
        for (Row row : result.rows()) {
            List<String> phases = phaseCells(row);
            table.add(row.mode().label(), Integer.toString(row.workers()), Units.duration(row.wallNanos()),
                    Units.range(row.minWallNanos(), row.maxWallNanos()),
                    String.format(Locale.ROOT, "%.2fx", row.speedup()), Plausibility.efficiency(row.efficiency()),
                    phases.get(1), phases.get(2), phases.get(3), phases.get(4), phases.get(5),
                    row.mode() == Mode.PROCESS ? "1+" + row.workers() : "1", Units.mib(row.peakRssKibPerJvm()));
        }
        table.print(out, "  ");
        out.println();
        out.println("  Where the time went (mean per worker, median over runs):");
        out.println("    " + PhaseLegend.of(Mode.THREAD));
        out.println("    " + PhaseLegend.of(Mode.PROCESS));
        out.println("  Memory: " + memoryNote());
    }

    /** mode, start, send, compute, collect, stop; "-" for the phases serial does not have. */
    private static List<String> phaseCells(Row row) {
        boolean serial = row.mode() == Mode.SERIAL;
        return List.of(row.mode().label(),
                serial ? "-" : Units.duration(row.phases().start()),
                serial ? "-" : Units.duration(row.phases().send()),
                Units.duration(row.phases().compute()),
                serial ? "-" : Units.duration(row.phases().collect()),
                serial ? "-" : Units.duration(row.phases().stop()));
    }

    /** Says plainly that the modes did not run the same code, and how to make them. */
    private void kernelNote(PrintWriter out) {
        StringBuilder kernels = new StringBuilder();
        for (Row row : result.rows()) {
            kernels.append(kernels.length() == 0 ? "" : ", ").append(row.mode().label()).append(' ').append(row.kernel());
        }
        Wrap.print(out, "NOT like for like: the modes ran different kernels (" + kernels + "). The launcher JVM "
                + "runs serial and threads; a -Djpool.kernel given to the worker JVMs alone (--worker-jvm-opt) "
                + "changes only theirs. Give the launcher the same: java -Djpool.kernel=... -jar, or leave both "
                + "to jpool, which runs every mode on the launcher's kernel.", "  ");
    }

    private String memoryNote() {
        if (!memoryAvailable) {
            return "peak RSS is read from /proc/<pid>/status (VmHWM), which this system does not have";
        }
        Row thread = result.rows().get(1);
        Row process = result.rows().get(2);
        return String.format(Locale.ROOT,
                "threads share one JVM (peak RSS %s); processes add %d worker JVMs of about %s each"
                        + " (%s in all) beside the launcher. Peak RSS is Linux VmHWM.",
                Units.mib(thread.peakRssKibPerJvm()), process.workers(), Units.mib(process.peakRssKibPerJvm()),
                process.peakRssKibPerJvm() == null ? "n/a" : Units.mib(process.peakRssKibPerJvm() * process.workers()));
    }

    @Override
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("samples", result.samples());
        json.put("seed", result.seed());
        json.put("hits", result.hits());
        json.put("pi", 4.0 * result.hits() / result.samples());
        json.put("repeat", result.repeat());
        json.put("workersSource", workersSource);
        json.put("kernel", result.commonKernel().orElse("mixed"));
        if (runtime != null) {
            json.put("runtime", runtime);
        }
        json.put("launcherPeakRssKib", result.launcherPeakRssKib());
        json.put("slurmJobId", job == null ? null : job.id());
        json.put("slurmNode", job == null ? null : job.node());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Row row : result.rows()) {
            Map<String, Object> map = new LinkedHashMap<>();
            List<Object> values = values(row);
            for (int i = 0; i < CSV_COLUMNS.size(); i++) {
                if (!List.of("samples", "seed", "hits", "repeat").contains(CSV_COLUMNS.get(i))) {
                    map.put(CSV_COLUMNS.get(i), values.get(i));
                }
            }
            map.put("wallNanosPerRun", row.runs().stream().map(run -> run.wallNanos()).toList());
            rows.add(map);
        }
        json.put("rows", rows);
        return json;
    }

    @Override
    void csv(PrintWriter out) {
        out.println(String.join(",", CSV_COLUMNS));
        for (Row row : result.rows()) {
            out.println(String.join(",", values(row).stream().map(v -> v == null ? "" : v.toString()).toList()));
        }
    }

    private List<Object> values(Row row) {
        List<Object> values = new ArrayList<>();
        values.add(row.mode().label());
        values.add(row.workers());
        values.add(result.samples());
        values.add(result.seed());
        values.add(result.hits());
        values.add(result.repeat());
        values.add(row.wallNanos());
        values.add(row.minWallNanos());
        values.add(row.maxWallNanos());
        values.add(round(row.speedup()));
        values.add(round(row.efficiency()));
        values.add(row.phases().start());
        values.add(row.phases().send());
        values.add(row.phases().compute());
        values.add(row.phases().collect());
        values.add(row.phases().stop());
        values.add(row.jvms());
        values.add(row.peakRssKibPerJvm());
        values.add(row.kernel());
        return values;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
