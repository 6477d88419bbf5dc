package dev.jpool.launcher.cli;

import dev.jpool.launcher.progress.ProgressBars;
import dev.jpool.launcher.report.Machine;
import dev.jpool.launcher.report.PiJsonRuns;
import dev.jpool.launcher.report.ScaleReport;
import dev.jpool.launcher.report.TimelineRun;
import dev.jpool.launcher.run.CoreCount;
import dev.jpool.launcher.run.MachineLoad;
import dev.jpool.launcher.run.Mode;
import dev.jpool.launcher.run.PiRun;
import dev.jpool.launcher.run.PiRunner;
import dev.jpool.launcher.run.RunFailedException;
import dev.jpool.launcher.run.RunRecord;
import dev.jpool.launcher.run.ScalingStudy;
import dev.jpool.launcher.run.ScalingTable;
import dev.jpool.launcher.run.WorkerCount;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jpool scale}: the tutorial's scaling table and plot, from runs made now or read from files. */
@Command(name = "scale", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {"Measures how run time falls as workers are added: table and plots.", "",
                "Runs the same samples and seed serially (the baseline, warmed up first) and on each worker count "
                        + "in each mode, and prints the scaling table: run time (median, min-max), speedup, "
                        + "efficiency and the Karp-Flatt serial fraction, with a warning beside figures that "
                        + "cannot be true and when the machine was busy. With --out it also writes the table and "
                        + "every run as CSV and JSON, and plots of time and speedup against workers beside ideal "
                        + "scaling (PNG and SVG). With --from it makes all of that from runs saved by 'jpool pi "
                        + "--format json', running nothing."},
        footer = {"", Examples.HEADING,
                "  ./jpool scale --workers 1,2,4,8 --samples 1e10 --repeat 3 --out scaling",
                "  ./jpool scale --workers 1,2 --samples 1e8 --repeat 1 --gantt scale.png",
                "  ./jpool scale --from runs/ --out scaling"})
final class ScaleCommand implements Callable<Integer> {
    private static final List<String> RUN_OPTIONS = List.of("--workers", "--modes", "--samples", "--seed", "--repeat",
            "--trace", "--gantt", "--worker-jvm-opt", "--cds", "--no-cds");

    @ParentCommand
    private JpoolCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--workers", paramLabel = "N", split = ",", splitSynopsisLabel = ",", defaultValue = "1,2,4,8",
            description = "Worker counts to run, e.g. 1,2,4,8 (duplicates are dropped). Counts above the cores "
                    + "detected run, marked oversubscribed. Default: ${DEFAULT-VALUE}.")
    private List<Integer> workers;

    @Option(names = "--modes", paramLabel = "MODE", split = ",", splitSynopsisLabel = ",", defaultValue = "process,thread",
            converter = LowerCaseEnumConverter.ModeConverter.class,
            description = "process, thread or both; serial always runs as the baseline. Default: ${DEFAULT-VALUE}.")
    private List<Mode> modes;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "1e9", converter = SampleCountConverter.class,
            description = "Darts per run: 1e6, 1_000_000 ... (up to 1e15). Default: ${DEFAULT-VALUE}.")
    private long samples;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "20201117", converter = SeedConverter.class,
            description = "Seed of the random streams, or 'random'. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "3",
            description = "Rounds: each runs serial once and every count in every mode; the table shows medians. "
                    + "Default: ${DEFAULT-VALUE}.")
    private int repeat;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Directory for scale.json, scale-table.csv, scale-runs.csv (one row per run) and the plots "
                    + "scale-time.png/.svg and scale-speedup.png/.svg; created if need be.")
    private Path out;

    @Option(names = "--from", paramLabel = "DIR",
            description = "Make the table, files and plots from DIR/*.json, each the output of "
                    + "'jpool pi --format json' (a serial run among them), instead of running anything.")
    private Path from;

    @Mixin
    private ReportOutput output;

    @Mixin
    private WorkerOptions worker;

    @Mixin
    private TimelineOptions timeline;

    @Override
    public Integer call() throws InterruptedException, IOException {
        return from != null ? fromFiles() : study();
    }

    private int fromFiles() throws IOException {
        for (String option : RUN_OPTIONS) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw usage(option + " does not go with --from: --from makes the table from runs already made");
            }
        }
        checkOut();
        List<RunRecord> runs;
        ScalingTable table;
        try {
            runs = PiJsonRuns.read(from);
            table = ScalingTable.of(runs, null);
        } catch (IllegalArgumentException e) {
            throw usage("--from: " + e.getMessage());
        }
        report(table, runs.size() + " runs read from " + from, Machine.unknown());
        return 0;
    }

    private int study() throws InterruptedException, IOException {
        List<Integer> counts = new ArrayList<>(new TreeSet<>(workers));
        for (int count : counts) {
            if (count < 1 || count > WorkerCount.MAX) {
                throw usage("--workers must be from 1 to " + WorkerCount.MAX + ", was " + count);
            }
        }
        if (modes.contains(Mode.SERIAL)) {
            throw usage("--modes takes process and thread; serial always runs as the baseline");
        }
        List<Mode> parallel = modes.stream().distinct().toList();
        if (repeat < 1 || repeat > 1000) {
            throw usage("--repeat must be between 1 and 1000, was " + repeat);
        }
        worker.check();
        CoreCount cores;
        try {
            cores = CoreCount.detect(parent.env(), Runtime.getRuntime().availableProcessors());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        checkOut();
        timeline.check();

        List<Integer> over = counts.stream().filter(n -> n > cores.cores()).toList();
        if (!over.isEmpty()) {
            worker.warn("--workers " + over.stream().map(String::valueOf).collect(Collectors.joining(","))
                    + " exceed the " + cores.describe() + " detected: those runs are oversubscribed");
        }
        String kernel = LauncherKernel.sameInEveryMode(worker.workerJvmOptions, worker::diagnose);
        ScalingStudy.Plan plan = new ScalingStudy.Plan(samples, seed, counts, parallel, repeat);
        worker.diagnose("scaling " + parallel.stream().map(Mode::label).collect(Collectors.joining(" and "))
                + " over " + counts + " workers against serial, " + samples + " samples, seed " + seed + ", "
                + repeat + " round" + (repeat == 1 ? "" : "s") + ": " + plan.runs() + " runs");
        ProgressBars bars = worker.progressBars(parent.env());
        List<PiRunner> runners = new ArrayList<>();
        for (Mode mode : List.of(Mode.SERIAL, Mode.THREAD, Mode.PROCESS)) {
            if (mode == Mode.SERIAL || parallel.contains(mode)) {
                runners.add(Runners.quiet(mode, worker, parent.env(), bars));
            }
        }
        List<PiRun> runs;
        MachineLoad load = new MachineLoad();
        try (InterruptNotice notice = new InterruptNotice("scale")) {
            runs = new ScalingStudy(runners, load).run(plan);
        }
        ScalingTable table = ScalingTable.of(runs.stream().map(RunRecord::of).toList(), cores);
        String kernels = runs.stream().map(PiRun::kernel).distinct().collect(Collectors.joining("+"));
        if (!kernels.equals(kernel)) {
            worker.warn("NOT like for like: the runs counted with different kernels (" + kernels + "); give the"
                    + " launcher the workers' -Djpool.kernel too (java -Djpool.kernel=... -jar)");
        }
        report(table, repeat == 1 ? "one run each" : "median of " + repeat + " runs",
                Machine.here(kernels, load.reading().orElse(null)));
        if (timeline.any()) {
            timeline.write(timelines(runs), worker::diagnose);
        }
        return 0;
    }

    private void report(ScalingTable table, String origin, Machine machine) throws IOException {
        ScaleReport report = new ScaleReport(table, origin, machine);
        output.print(report);
        if (out != null) {
            try {
                report.write(out);
            } catch (IOException e) {
                throw new RunFailedException("cannot write the results into --out '" + out + "': " + e.getMessage(), e);
            }
            worker.diagnose("wrote " + String.join(", ", ScaleReport.FILES) + " into " + out);
        }
    }

    /** The median run of each mode and worker count, processes above threads above serial. */
    private static List<TimelineRun> timelines(List<PiRun> runs) {
        Map<String, List<PiRun>> groups = new LinkedHashMap<>();
        for (Mode mode : List.of(Mode.PROCESS, Mode.THREAD, Mode.SERIAL)) {
            runs.stream().filter(run -> run.mode() == mode)
                    .sorted(java.util.Comparator.comparingInt(run -> run.workers().size()))
                    .forEach(run -> groups.computeIfAbsent(mode + " " + run.workers().size(), k -> new ArrayList<>())
                            .add(run));
        }
        return groups.values().stream().map(MedianRun::of).toList();
    }

    private void checkOut() {
        if (out != null) {
            String problem = OutputPaths.directory("--out", out);
            if (problem != null) {
                throw usage(problem);
            }
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
