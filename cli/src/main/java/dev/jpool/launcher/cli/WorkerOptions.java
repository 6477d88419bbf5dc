package dev.jpool.launcher.cli;

import dev.jpool.launcher.progress.ProgressBars;
import dev.jpool.launcher.progress.Terminal;
import dev.jpool.launcher.run.WorkerCount;
import dev.jpool.launcher.slurm.AgentHub;
import dev.jpool.launcher.slurm.AllocatedNode;
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
            description = "An option for each worker JVM (repeatable), e.g. --worker-jvm-opt=-Xmx64m. Workers "
                    + "start with no perf data file and JVM warnings on stderr; pi's workers with an 8 MiB heap that "
                    + "may grow to 256 MiB (the README lists the flags).")
    List<String> workerJvmOptions = new ArrayList<>();

    @Option(names = "--cds", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Start worker JVMs from an application class-data archive (AppCDS), built once per jar "
                    + "and JDK in $JPOOL_CACHE or ~/.cache/jpool; it roughly halves a worker's start. Default: on.")
    boolean cds;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "" + ProcessPoolOptions.DEFAULT_RETRIES,
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
                    + "the current allocation, one per task (SLURM_NTASKS) holding --cpus-per-task CPUs, placed "
                    + "on its nodes by SLURM; run inside sbatch or salloc) or agent (one job step per node of the "
                    + "allocation, a jpool agent that starts that node's workers and carries their channels). "
                    + "Default: ${DEFAULT-VALUE}.")
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
        if (launcher.slurm() && job.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--launcher " + launcher + " starts workers as job steps "
                    + "of the current SLURM allocation, but SLURM_JOB_ID is not set: run jpool inside sbatch or salloc");
        }
        Integer jobCpus = job.flatMap(SlurmJob::allCpus).map(SlurmJob.Limit::cpus).orElse(null);
        WorkerCount count;
        try {
            int processors = Runtime.getRuntime().availableProcessors();
            count = launcher.slurm() ? WorkerCount.resolveForJobSteps(requested, env, processors, jobCpus)
                    : WorkerCount.resolve(requested, env, processors);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (launcher == WorkerLauncher.SRUN) {
            int share = WorkerCount.cpusPerTask(env);
            job.flatMap(SlurmJob::allCpus).filter(all -> (long) count.count() * share > all.cpus()).ifPresent(all -> {
                throw new ParameterException(spec.commandLine(), "--launcher srun: " + count.count()
                        + " workers but this SLURM job was allocated " + all + "; each worker is a job step holding "
                        + (share == 1 ? "one CPU" : share + " CPUs (SLURM_CPUS_PER_TASK)")
                        + ", so the extra ones would wait for ever");
            });
            srun(env);
        }
        if (launcher == WorkerLauncher.AGENT) {
            // The agents' steps hold the job's CPUs of their nodes; more workers than those CPUs start all
            // the same (they are the agents' children, not steps) and take turns on them.
            job.flatMap(SlurmJob::allCpus).filter(all -> count.count() > all.cpus()).ifPresent(all ->
                    warn(count.count() + " workers but this SLURM job was allocated " + all + "; they take turns"));
            srun(env);
        }
        return count;
    }

    /** A usage error when {@code --launcher srun} is asked of work that starts no worker JVMs. */
    void requireLocalUnless(boolean workerJvms, String what) {
        if (launcher.slurm() && !workerJvms) {
            throw new ParameterException(spec.commandLine(),
                    "--launcher " + launcher + " starts worker JVMs, so it does not go with " + what);
        }
    }

    /** srun on the PATH; a usage error if it is not there. */
    private String srun(Map<String, String> env) {
        return JobSteps.locateSrun(env).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--launcher " + launcher + " needs the SLURM command srun, which is not on the PATH"));
    }

    /** " as SLURM job steps" and the like, after "N workers" in a diagnostic; empty for local workers. */
    String launcherNote() {
        return switch (launcher) {
            case LOCAL -> "";
            case SRUN -> " as SLURM job steps";
            case AGENT -> " through one agent per node (a SLURM job step each)";
        };
    }

    /** The launch prefix of {@code --launcher}. */
    private List<String> launchPrefix(Map<String, String> env) {
        return switch (launcher) {
            case LOCAL -> List.of();
            case SRUN -> JobSteps.prefix(srun(env), WorkerCount.cpusPerTask(env));
            case AGENT -> {
                String srun = srun(env);
                try {
                    String scontrol = java.nio.file.Path.of(srun).resolveSibling("scontrol").toString();
                    yield AgentHub.prefix(srun, AllocatedNode.of(env, scontrol), this::workerStderr);
                } catch (java.io.IOException e) {
                    throw new ParameterException(spec.commandLine(), "--launcher agent cannot read the allocation's "
                            + "nodes: " + e.getMessage());
                }
            }
        };
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
                .withLaunchPrefix(launchPrefix(env));
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
