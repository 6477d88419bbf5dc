package dev.jpool.launcher.cli;

import dev.jpool.host.Cpu;
import dev.jpool.launcher.report.StartupReport;
import dev.jpool.launcher.run.StartupBenchmark.Subject;
import dev.jpool.launcher.run.StartupBenchmark;
import dev.jpool.pi.PiWorkers;
import dev.jpool.process.AotCache;
import dev.jpool.process.ClassDataArchive;
import dev.jpool.process.WorkerCommandLine;
import dev.jpool.protocol.Protocol;
import dev.jpool.worker.HelloWorld;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jpool startup}: what a worker JVM costs to start, with and without the class-data archive. */
@Command(name = "startup", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {"Measures how long a worker JVM takes to start.", "",
                "Times a worker JVM from spawn to its hello, and to its first answer: a worker with the pool's "
                        + "own defaults (a user's task) with and without the class-data archive, and the pi "
                        + "workload's worker (the Vector API module, JIT hints), beside a bare java that prints hello "
                        + "world: the start-up part of every process run."},
        footer = {"", Examples.HEADING,
                "  ./jpool startup",
                "  ./jpool startup --workers 2 --repeat 21 --format json"})
final class StartupCommand implements Callable<Integer> {
    @ParentCommand
    private JpoolCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "JVMs started at once, as a process run of N workers does. Default: ${DEFAULT-VALUE}.")
    private int concurrent;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "9",
            description = "Rounds; each starts N JVMs of every kind, interleaved. Default: ${DEFAULT-VALUE}.")
    private int rounds;

    @Option(names = "--worker-jvm-opt", paramLabel = "OPT",
            description = "An option for each worker JVM, to measure its effect (repeatable).")
    private List<String> workerJvmOptions = new ArrayList<>();

    @Mixin
    private ReportOutput output;

    @Option(names = {"-q", "--quiet"}, description = "No diagnostics on stderr.")
    private boolean quiet;

    @Override
    public Integer call() throws InterruptedException {
        if (concurrent < 1 || concurrent > 64) {
            throw new ParameterException(spec.commandLine(), "--workers must be from 1 to 64, was " + concurrent);
        }
        if (rounds < 1 || rounds > 1000) {
            throw new ParameterException(spec.commandLine(), "--repeat must be from 1 to 1000, was " + rounds);
        }
        for (String option : workerJvmOptions) {
            if (option.length() < 2 || !option.startsWith("-")) {
                throw new ParameterException(spec.commandLine(), "--worker-jvm-opt '" + option
                        + "' is not a JVM option (JVM options start with '-', e.g. -Xmx64m)");
            }
        }
        WorkerCommandLine worker = WorkerCommandLine.ofThisJvm().withJvmOptions(workerJvmOptions);
        ClassDataArchive archive = new ClassDataArchive(ClassDataArchive.defaultDirectory(parent.env()), this::diagnose);
        List<Subject> subjects = new ArrayList<>();
        subjects.add(new Subject("bare java, hello world",
                new WorkerCommandLine(worker.java(), worker.classpath(), List.of(), HelloWorld.class.getName()), false));
        subjects.add(new Subject("worker, no class-data archive", worker, true));
        archived(archive, worker).ifPresent(w -> subjects.add(new Subject("worker, class-data archive", w, true)));
        if (AotCache.supported()) {
            WorkerCommandLine cached = new AotCache(ClassDataArchive.defaultDirectory(parent.env()), this::diagnose)
                    .apply(worker);
            if (!cached.equals(worker)) {
                subjects.add(new Subject("worker, AOT cache", cached, true));
            }
        }
        // The pi workload's workers: its own options (the Vector API module, JIT hints) before the user's.
        WorkerCommandLine pi = WorkerCommandLine.ofThisJvm().withJvmOptions(PiWorkers.jvmOptions())
                .withJvmOptions(workerJvmOptions);
        archived(archive, pi).ifPresent(w -> subjects.add(new Subject("pi worker, class-data archive", w, true)));
        diagnose("starting " + subjects.size() + " kinds of JVM, " + concurrent + " at a time, " + rounds + " rounds");
        StartupBenchmark.Result result;
        try (InterruptNotice notice = new InterruptNotice("startup")) {
            result = new StartupBenchmark(subjects, new Protocol(), this::workerStderr).run(concurrent, rounds);
        }
        String machine = "Java " + System.getProperty("java.version") + ", " + Cpu.describe();
        output.print(new StartupReport(result, machine));
        return 0;
    }

    private static Optional<WorkerCommandLine> archived(ClassDataArchive archive, WorkerCommandLine worker) {
        WorkerCommandLine withArchive = archive.apply(worker);
        return withArchive.equals(worker) ? Optional.empty() : Optional.of(withArchive);
    }

    private void diagnose(String line) {
        if (!quiet) {
            spec.commandLine().getErr().println("jpool: " + line);
            spec.commandLine().getErr().flush();
        }
    }

    private void workerStderr(String line) {
        spec.commandLine().getErr().println(line);
        spec.commandLine().getErr().flush();
    }
}
