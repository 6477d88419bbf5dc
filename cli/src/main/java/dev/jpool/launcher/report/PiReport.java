package dev.jpool.launcher.report;

import dev.jpool.launcher.run.Mode;
import dev.jpool.launcher.run.PiRun;
import dev.jpool.launcher.run.WorkerTiming;
import dev.jpool.launcher.slurm.SlurmJob;
import dev.jpool.pool.Retry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Prints one pi run: the estimate, its errors, its speed, and a line per worker. */
public final class PiReport extends Report {
    private final PiRun run;
    private final String workersSource;
    private final SlurmJob job;

    /** @param job the SLURM job the launcher runs in, null outside one */
    public PiReport(PiRun run, String workersSource, SlurmJob job) {
        this.run = run;
        this.workersSource = workersSource;
        this.job = job;
    }

    @Override
    void text(PrintWriter out) {
        out.printf(Locale.ROOT, "jpool pi: %s mode, %d worker%s (%s), %s kernel%n", run.mode(), run.workerCount(),
                run.workerCount() == 1 ? "" : "s", workersSource, run.kernel());
        out.printf(Locale.ROOT, "  samples  %s   seed %d%n", Units.count(run.samples()), run.seed());
        out.printf(Locale.ROOT, "  hits     %s%n", Units.count(run.hits()));
        out.printf(Locale.ROOT, "  pi       %.10f   |error| %.2e   standard error %.2e%n", run.pi(),
                run.absoluteError(), run.standardError());
        out.printf(Locale.ROOT, "  wall     %s   %s samples/s%n", Units.duration(run.wallNanos()),
                Units.rate(run.samplesPerSecond()));
        if (job != null) {
            out.println("  slurm    " + SlurmText.describe(job));
        }
        out.println();
        boolean steps = run.workers().stream().anyMatch(w -> w.slurmStep() != null);
        List<String> header = new ArrayList<>(List.of("worker", run.mode() == Mode.PROCESS ? "pid" : "thread", "node"));
        if (steps) {
            header.add("step");
        }
        header.addAll(List.of("samples", "hits", "start", "send", "compute", "collect", "stop", "peak RSS"));
        TextTable table = new TextTable(header.toArray(String[]::new));
        for (WorkerTiming w : run.workers()) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(w.index()),
                    w.pid() != null ? Long.toString(w.pid()) : w.label(), w.node()));
            if (steps) {
                row.add(w.slurmStep() == null ? "-" : w.slurmStep());
            }
            row.addAll(List.of(Units.count(w.samples()), Units.count(w.hits()), Units.duration(w.startNanos()),
                    Units.duration(w.sendNanos()), Units.duration(w.computeNanos()), Units.duration(w.collectNanos()),
                    Units.duration(w.stopNanos()), w.peakRssKib() == null ? "-" : Units.mib(w.peakRssKib())));
            table.add(row.toArray(String[]::new));
        }
        table.print(out, "  ");
        out.println();
        for (Retry retry : run.retries()) {
            out.printf(Locale.ROOT, "  retry: chunk #%d, attempt %d: %s%n", retry.firstInput(), retry.attempt(),
                    retry.cause().replace("\n", "\n    "));
        }
        if (!run.retries().isEmpty()) {
            out.printf(Locale.ROOT, "  %d chunk%s re-run on a fresh worker JVM; every block was counted exactly once%n%n",
                    run.retries().size(), run.retries().size() == 1 ? "" : "s");
        }
        out.println("  " + PhaseLegend.of(run.mode()));
    }

    @Override
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mode", run.mode().label());
        json.put("workers", run.workerCount());
        json.put("workersSource", workersSource);
        json.put("samples", run.samples());
        json.put("seed", run.seed());
        json.put("hits", run.hits());
        json.put("pi", run.pi());
        json.put("absoluteError", run.absoluteError());
        json.put("standardError", run.standardError());
        json.put("wallNanos", run.wallNanos());
        json.put("samplesPerSecond", run.samplesPerSecond());
        json.put("kernel", run.kernel());
        json.put("launcherPid", run.launcherPid());
        json.put("launcherPeakRssKib", run.launcherPeakRssKib());
        json.put("workerPids", run.workers().stream().map(WorkerTiming::pid).filter(Objects::nonNull).toList());
        json.put("slurmJobId", job == null ? null : job.id());
        json.put("slurmNode", job == null ? null : job.node());
        json.put("workerNodes", run.workers().stream().map(WorkerTiming::node).toList());
        json.put("workerSteps", run.workers().stream().map(WorkerTiming::slurmStep).toList());
        json.put("workerDetails", run.workers());
        json.put("retries", run.retries());
        return json;
    }

    @Override
    void csv(PrintWriter out) {
        out.println("mode,workers,samples,seed,hits,pi,wallNanos,samplesPerSecond,kernel");
        out.println(String.join(",", List.of(run.mode().label(), Integer.toString(run.workerCount()),
                Long.toString(run.samples()), Long.toString(run.seed()), Long.toString(run.hits()),
                Double.toString(run.pi()), Long.toString(run.wallNanos()), Double.toString(run.samplesPerSecond()),
                run.kernel())));
    }
}
