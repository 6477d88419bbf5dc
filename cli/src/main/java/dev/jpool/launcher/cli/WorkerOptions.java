package dev.jpool.launcher.cli;

import dev.jpool.launcher.progress.ProgressBars;
import dev.jpool.launcher.progress.Terminal;
import dev.jpool.launcher.run.WorkerCount;
import dev.jpool.launcher.slurm.JobSteps;
import dev.jpool.launcher.slurm.SlurmJob;
import dev.jpool.pi.PiWorkers;
import dev.jpool.pool.ProcessPoolOptions;
import dev.jpool.process.ClassDataArchive;
import dev.jpool.process.WorkerLauncher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options of every command that runs work: how worker JVMs start, fail and report, and how much jpool says. */
final class WorkerOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--worker-jvm-opt", paramLabel = "OPT",
            description = "An option for each worker JVM, e.g. --worker-jvm-opt=-Xmx64m (repeatable). "
                    + "Worker defaults: -XX:+UseSerialGC -Xms8m -Xmx256m -XX:-UsePerfData, JVM warnings to stderr, "
                    + "-XX:CompileThresholdScaling=3 outside the pi kernel.")
    List<String> workerJvmOptions = new ArrayList<>();

    @Option(names = "--cds", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Start worker JVMs from an application class-data archive (AppCDS), built once per jar "
                    + "and JDK in $JPOOL_CACHE or ~/.cache/jpool; it roughly halves a worker's start. Default: on.")
    boolean cds;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "2",
            description = "Times a chunk is re-run on a fresh worker JVM when its worker dies or times out "
                    + "(a task that throws is not retried). Default: ${DEFAULT-VALUE}.")
    int retries;

    @Option(names = "--task-timeout", paramLabel = "TIME", converter = DurationConverter.class,
            description = "End a worker JVM (and what it started) whose chunk runs longer than this, e.g. 30s, "
                    + "500ms, 2m; then retry. Default: no limit.")
    Duration taskTimeout;

    @Option(names = "--launcher", paramLabel = "HOW", defaultValue = "local",
            converter = LowerCaseEnumConverter.LauncherConverter.class,
            description = "What starts each worker JVM: local (a child process here) or srun (a SLURM job step of "
                    + "the current allocation, one CPU each, placed on its nodes by SLURM; run inside sbatch or "
                    + "salloc). Default: ${DEFAULT-VALUE}.")
    WorkerLauncher launcher;

    @Option(names = {"-q", "--quiet"}, description = "No diagnostics and no progress bar on stderr "
            + "(warnings and worker stderr still show).")
    boolean quiet;

    /** Checks the JVM options and retries; a bad one is a usage error, before any JVM starts. */
    void check() {
        for (String option : workerJvmOptions) {
            if (!option.startsWith("-") || option.length() < 2) {
                throw new ParameterException(spec.commandLine(), "--worker-jvm-opt '" + option
                        + "' is not a JVM option (JVM options start with '-', e.g. -Xmx64m)");
            }
        }
        if (retries < 0) {
            throw new ParameterException(spec.commandLine(), "--retries must be 0 or more, was " + retries);
        }
    }

    /**
     * Checks what picocli cannot see alone and resolves the worker count from {@code --workers}
     * ({@code requested}, or null), the environment and the allocation; a problem is a usage
     * error, before any JVM starts.
     */
    WorkerCount workerCount(Map<String, String> env, Integer requested) {
        check();
        Optional<SlurmJob> job = SlurmJob.of(env);
        if (launcher == WorkerLauncher.SRUN && job.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--launcher srun starts workers as job steps of the "
                    + "current SLURM allocation, but SLURM_JOB_ID is not set: run jpool inside sbatch or salloc");
        }
        Integer jobCpus = job.flatMap(SlurmJob::allCpus).map(SlurmJob.Limit::cpus).orElse(null);
        WorkerCount count;
        try {
            int processors = Runtime.getRuntime().availableProcessors();
            count = launcher == WorkerLauncher.SRUN ? WorkerCount.resolveForJobSteps(requested, env, processors, jobCpus)
                    : WorkerCount.resolve(requested, env, processors);
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

    /** A usage error when {@code --launcher srun} is asked of work that starts no worker JVMs. */
    void requireLocalUnless(boolean workerJvms, String what) {
        if (launcher == WorkerLauncher.SRUN && !workerJvms) {
            throw new ParameterException(spec.commandLine(),
                    "--launcher srun starts worker JVMs, so it does not go with " + what);
        }
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
            warn(count + " " + what + " but this SLURM job was allocated " + local);
        });
    }

    /** The same choices as options of a {@link dev.jpool.pool.Pool}. */
    ProcessPoolOptions poolOptions(int count, Map<String, String> env) {
        return poolOptions(count, env, List.of());
    }

    /** Options for the pi workload's pool: its own JVM options first, so the user's {@code --worker-jvm-opt} win. */
    ProcessPoolOptions piPoolOptions(int count, Map<String, String> env) {
        return poolOptions(count, env, PiWorkers.jvmOptions());
    }

    private ProcessPoolOptions poolOptions(int count, Map<String, String> env, List<String> taskJvmOptions) {
        return ProcessPoolOptions.workers(count)
                .withJvmOptions(taskJvmOptions.toArray(String[]::new))
                .withJvmOptions(workerJvmOptions.toArray(String[]::new))
                .withClassDataArchive(cds)
                .withCacheDirectory(ClassDataArchive.defaultDirectory(env))
                .withWorkerStderr(this::workerStderr)
                .withDiagnostics(this::diagnose)
                .withRetries(retries)
                .withTaskTimeout(taskTimeout)
                .withLaunchPrefix(launcher == WorkerLauncher.SRUN ? JobSteps.prefix(srun(env)) : List.of());
    }

    /** Prints a diagnostic line on stderr unless {@code --quiet}. */
    void diagnose(String line) {
        if (!quiet) {
            spec.commandLine().getErr().println("jpool: " + line);
            spec.commandLine().getErr().flush();
        }
    }

    /** Progress bars on stderr where they belong: a terminal, not CI, not {@code --quiet}. */
    ProgressBars progressBars(Map<String, String> env) {
        return Terminal.barWanted(quiet, env, Terminal.stderrIsTerminal()) ? ProgressBars.on(System.err)
                : ProgressBars.off();
    }

    /** Prints a warning on stderr, even with {@code --quiet}: it says something about the results. */
    void warn(String line) {
        spec.commandLine().getErr().println("jpool: warning: " + line);
        spec.commandLine().getErr().flush();
    }

    /** The command's usage error with this message. */
    ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Where worker stderr goes: the user's stderr, always. */
    void workerStderr(String line) {
        spec.commandLine().getErr().println(line);
        spec.commandLine().getErr().flush();
    }
}
