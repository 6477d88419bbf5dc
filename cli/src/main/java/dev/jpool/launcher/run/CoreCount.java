package dev.jpool.launcher.run;

import java.util.Map;

/**
 * The cores this run may use: the smallest of the processors available to this JVM (which on
 * Java 17 already honours cgroup CPU limits and CPU affinity), {@code SLURM_CPUS_PER_TASK} and
 * {@code SLURM_CPUS_ON_NODE} where set. More workers than this are oversubscribed: they take
 * turns on the cores instead of running side by side.
 *
 * @param cores  the count
 * @param source which limit applied, e.g. "SLURM_CPUS_PER_TASK"
 */
public record CoreCount(int cores, String source) {
    /** What {@link #source()} says when the JVM's own count is the limit. */
    public static final String AVAILABLE_PROCESSORS = "available processors, cgroup limits included";

    /**
     * @throws IllegalArgumentException naming a SLURM variable that is set but not a count
     */
    public static CoreCount detect(Map<String, String> env, int availableProcessors) {
        CoreCount count = new CoreCount(availableProcessors, AVAILABLE_PROCESSORS);
        for (String name : new String[] {"SLURM_CPUS_PER_TASK", "SLURM_CPUS_ON_NODE"}) {
            String value = env.get(name);
            if (value == null) {
                continue;
            }
            int cores;
            try {
                cores = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                cores = 0;
            }
            if (cores < 1) {
                throw new IllegalArgumentException(name + "='" + value + "' is not a count of cores");
            }
            if (cores < count.cores()) {
                count = new CoreCount(cores, name);
            }
        }
        return count;
    }

    /** "2 cores (available processors, cgroup limits included)". */
    public String describe() {
        return cores + " core" + (cores == 1 ? "" : "s") + " (" + source + ")";
    }
}
