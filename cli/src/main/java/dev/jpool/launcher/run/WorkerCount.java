package dev.jpool.launcher.run;

import java.util.Map;

/**
 * How many workers a run uses, and why: {@code --workers}, else {@code NUM_PROCS} (the
 * tutorial's variable), else {@code SLURM_CPUS_PER_TASK}, else the processors this JVM may use.
 *
 * @param count  the worker count
 * @param source what decided it, e.g. "NUM_PROCS"
 */
public record WorkerCount(int count, String source) {
    /** More workers than this is taken for a typo rather than a plan. */
    public static final int MAX = 1024;

    /**
     * Resolves the count. Environment variables are checked whenever they are set, so a bad value
     * is reported even when {@code --workers} overrides it.
     *
     * @param option the {@code --workers} value, or null
     * @throws IllegalArgumentException naming the bad value
     */
    public static WorkerCount resolve(Integer option, Map<String, String> env, int availableProcessors) {
        Integer numProcs = fromEnv(env, "NUM_PROCS");
        Integer slurmCpus = fromEnv(env, "SLURM_CPUS_PER_TASK");
        if (option != null) {
            return new WorkerCount(check(option, "--workers"), "--workers");
        }
        if (numProcs != null) {
            return new WorkerCount(numProcs, "NUM_PROCS");
        }
        if (slurmCpus != null) {
            return new WorkerCount(slurmCpus, "SLURM_CPUS_PER_TASK");
        }
        return new WorkerCount(Math.min(availableProcessors, MAX), "available processors");
    }

    /**
     * The count for workers started as SLURM job steps across the whole allocation, as SLURM means
     * tasks: {@code --workers}, else {@code NUM_PROCS}, else one worker per task of the job
     * ({@code SLURM_NTASKS}, what {@code -n} asked for), else the job's CPUs ({@code jobCpus}, from
     * {@code SLURM_JOB_CPUS_PER_NODE}) divided by its CPUs per task, else as {@link #resolve}.
     * Each worker's step then holds {@link #cpusPerTask} CPUs: an allocation of {@code -n 4 -c 2}
     * runs 4 workers of 2 CPUs each, not 8 of one.
     *
     * @param jobCpus the job's CPUs on all its nodes, or null where unknown
     */
    public static WorkerCount resolveForJobSteps(Integer option, Map<String, String> env, int availableProcessors,
                                                 Integer jobCpus) {
        WorkerCount count = resolve(option, env, availableProcessors);
        Integer tasks = fromEnv(env, env.containsKey("SLURM_NTASKS") ? "SLURM_NTASKS" : "SLURM_NPROCS");
        boolean chosen = option != null || fromEnv(env, "NUM_PROCS") != null;
        if (chosen) {
            return count;
        }
        if (tasks != null) {
            return new WorkerCount(tasks, env.containsKey("SLURM_NTASKS") ? "SLURM_NTASKS" : "SLURM_NPROCS");
        }
        return jobCpus == null ? count
                : new WorkerCount(Math.max(1, Math.min(jobCpus / cpusPerTask(env), MAX)), "SLURM_JOB_CPUS_PER_NODE");
    }

    /**
     * The CPUs each worker's job step holds: the job's {@code SLURM_CPUS_PER_TASK}, else 1. A worker
     * computes its chunk on one thread; the rest of its share goes to its JVM's JIT compiler and
     * garbage collector threads, which then do not take CPUs from another worker.
     */
    public static int cpusPerTask(Map<String, String> env) {
        Integer cpus = fromEnv(env, "SLURM_CPUS_PER_TASK");
        return cpus == null ? 1 : cpus;
    }

    private static Integer fromEnv(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null) {
            return null;
        }
        try {
            int count = Integer.parseInt(value.trim());
            if (count >= 1 && count <= MAX) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + "='" + value + "' is not a worker count from 1 to " + MAX);
    }

    private static int check(int value, String name) {
        if (value < 1 || value > MAX) {
            throw new IllegalArgumentException(name + " must be from 1 to " + MAX + ", was " + value);
        }
        return value;
    }
}
