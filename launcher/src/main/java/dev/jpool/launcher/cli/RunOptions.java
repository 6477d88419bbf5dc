package dev.jpool.launcher.cli;

import dev.jpool.launcher.run.WorkerCount;
import dev.jpool.launcher.slurm.JobSteps;
import dev.jpool.launcher.slurm.SlurmJob;
import dev.jpool.launcher.worker.ClassDataArchive;
import dev.jpool.launcher.worker.WorkerCommandLine;
import dev.jpool.launcher.worker.WorkerLauncher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options every run command shares: what to compute, on how many workers, how to start them. */
final class RunOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "1e9", converter = SampleCountConverter.class,
            description = "Darts to throw: 1000000, 1_000_000 or 1e6 (up to 1e15). Default: ${DEFAULT-VALUE}.")
    long samples;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "20201117", converter = SeedConverter.class,
            description = "Seed of the random streams, or 'random'. The same seed and samples give the same "
                    + "hit count in every mode and with any worker count. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--workers", paramLabel = "N",
            description = "Worker JVMs or threads. Default: NUM_PROCS, else SLURM_CPUS_PER_TASK, "
                    + "else the available processors.")
    Integer workers;

    @Option(names = "--worker-jvm-opt", paramLabel = "OPT",
            description = "An option for each worker JVM, e.g. --worker-jvm-opt=-Xmx64m (repeatable). "
                    + "Worker defaults: -XX:+UseSerialGC -Xms8m -Xmx256m -XX:-UsePerfData, JVM warnings to stderr.")
    List<String> workerJvmOptions = new ArrayList<>();

    @Option(names = "--cds", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Start worker JVMs from an application class-data archive (AppCDS), built once per jar "
                    + "and JDK in $JPOOL_CACHE or ~/.cache/jpool; it roughly halves a worker's start. Default: on.")
    boolean cds;

    @Option(names = "--launcher", paramLabel = "HOW", defaultValue = "local",
            converter = LowerCaseEnumConverter.LauncherConverter.class,
            description = "What starts each worker JVM: local (a child process here) or srun (a SLURM job step of "
                    + "the current allocation, one CPU each, placed on its nodes by SLURM; run inside sbatch or "
                    + "salloc). Default: ${DEFAULT-VALUE}.")
    WorkerLauncher launcher;

    @Option(names = {"-q", "--quiet"}, description = "No diagnostics on stderr (worker stderr still shows).")
    boolean quiet;

    /** Checks what picocli cannot see alone; a problem is a usage error, before any JVM starts. */
    WorkerCount workerCount(Map<String, String> env) {
        for (String option : workerJvmOptions) {
            if (!option.startsWith("-") || option.isBlank() || option.length() < 2) {
                throw new ParameterException(spec.commandLine(), "--worker-jvm-opt '" + option
                        + "' is not a JVM option (JVM options start with '-', e.g. -Xmx64m)");
            }
        }
        Optional<SlurmJob> job = SlurmJob.of(env);
        if (launcher == WorkerLauncher.SRUN && job.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--launcher srun starts workers as job steps of the "
                    + "current SLURM allocation, but SLURM_JOB_ID is not set: run jpool inside sbatch or salloc");
        }
        Integer jobCpus = job.flatMap(SlurmJob::allCpus).map(SlurmJob.Limit::cpus).orElse(null);
        WorkerCount count;
        try {
            int processors = Runtime.getRuntime().availableProcessors();
            count = launcher == WorkerLauncher.SRUN ? WorkerCount.resolveForJobSteps(workers, env, processors, jobCpus)
                    : WorkerCount.resolve(workers, env, processors);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (launcher == WorkerLauncher.SRUN) {
            job.flatMap(SlurmJob::allCpus).filter(all -> count.count() > all.cpus()).ifPresent(all -> {
                throw new ParameterException(spec.commandLine(), "--launcher srun: " + count.count()
                        + " workers but this SLURM job was allocated " + all + "; each worker is a job step holding "
                        + "one CPU, so the extra ones would wait for ever");
            });
            srun(env);
        }
        return count;
    }

    /** srun on the PATH; a usage error if it is not there. */
    private String srun(Map<String, String> env) {
        return JobSteps.locateSrun(env).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--launcher srun needs the SLURM command srun, which is not on the PATH"));
    }

    /**
     * A one-line warning on stderr (even with {@code --quiet}) when {@code count} workers or threads
     * run here on more CPUs than this SLURM job gave this process: they would share them.
     */
    void warnAboveAllocation(Map<String, String> env, int count, String what) {
        SlurmJob.of(env).flatMap(SlurmJob::localCpus).filter(local -> count > local.cpus()).ifPresent(local -> {
            spec.commandLine().getErr().println("jpool: warning: " + count + " " + what
                    + " but this SLURM job was allocated " + local);
            spec.commandLine().getErr().flush();
        });
    }

    /**
     * How to start a worker: this JVM's java and classpath, the user's options, the archive unless
     * --no-cds, through srun with {@code --launcher srun}.
     */
    WorkerCommandLine workerCommandLine(Map<String, String> env) {
        WorkerCommandLine commandLine = WorkerCommandLine.ofThisJvm().withJvmOptions(workerJvmOptions);
        if (cds) {
            commandLine = new ClassDataArchive(ClassDataArchive.defaultDirectory(env), this::diagnose).apply(commandLine);
        }
        return launcher == WorkerLauncher.SRUN
                ? commandLine.withPrefix(JobSteps.prefix(srun(env))) : commandLine;
    }

    /** Prints a diagnostic line on stderr unless {@code --quiet}. */
    void diagnose(String line) {
        if (!quiet) {
            spec.commandLine().getErr().println("jpool: " + line);
            spec.commandLine().getErr().flush();
        }
    }

    /** Where worker stderr goes: the user's stderr, always. */
    void workerStderr(String line) {
        spec.commandLine().getErr().println(line);
        spec.commandLine().getErr().flush();
    }
}
