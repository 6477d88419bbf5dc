package dev.jpool.launcher.slurm;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SLURM job this launcher runs in, as its environment describes it.
 *
 * @param id             {@code SLURM_JOB_ID}
 * @param node           {@code SLURMD_NODENAME}: the node this launcher runs on, null where it runs
 *                       outside the job's nodes (under {@code salloc}, on the login host)
 * @param cpusPerTask    {@code SLURM_CPUS_PER_TASK}, null when the job did not ask for it
 * @param cpusOnNode     {@code SLURM_CPUS_ON_NODE}: CPUs of the job on this node, null where unset
 * @param cpusPerNode    {@code SLURM_JOB_CPUS_PER_NODE} as SLURM writes it, e.g. {@code 2(x3),1}; null where unset
 */
public record SlurmJob(String id, String node, Integer cpusPerTask, Integer cpusOnNode, String cpusPerNode) {
    private static final Pattern NODE_GROUP = Pattern.compile("(\\d+)(?:\\(x(\\d+)\\))?");

    /** The job, or empty outside one (no {@code SLURM_JOB_ID}). */
    public static Optional<SlurmJob> of(Map<String, String> env) {
        String id = nonBlank(env.get("SLURM_JOB_ID"));
        if (id == null) {
            id = nonBlank(env.get("SLURM_JOBID"));
        }
        if (id == null) {
            return Optional.empty();
        }
        return Optional.of(new SlurmJob(id, nonBlank(env.get("SLURMD_NODENAME")), number(env.get("SLURM_CPUS_PER_TASK")),
                number(env.get("SLURM_CPUS_ON_NODE")), nonBlank(env.get("SLURM_JOB_CPUS_PER_NODE"))));
    }

    /**
     * The CPUs this launcher's own process may use: {@code SLURM_CPUS_PER_TASK}, else
     * {@code SLURM_CPUS_ON_NODE}, with the variable that says so, e.g. "SLURM_CPUS_PER_TASK=2".
     */
    public Optional<Limit> localCpus() {
        if (cpusPerTask != null) {
            return Optional.of(new Limit(cpusPerTask, "CPUs per task", "SLURM_CPUS_PER_TASK=" + cpusPerTask));
        }
        if (cpusOnNode != null) {
            return Optional.of(new Limit(cpusOnNode, "CPUs on this node", "SLURM_CPUS_ON_NODE=" + cpusOnNode));
        }
        return Optional.empty();
    }

    /** Every CPU of the job on all its nodes, from {@code SLURM_JOB_CPUS_PER_NODE}; empty where unreadable. */
    public Optional<Limit> allCpus() {
        if (cpusPerNode == null) {
            return Optional.empty();
        }
        int total = 0;
        for (String group : cpusPerNode.split(",")) {
            Matcher m = NODE_GROUP.matcher(group.trim());
            if (!m.matches()) {
                return Optional.empty();
            }
            try {
                total = Math.addExact(total, Math.multiplyExact(Integer.parseInt(m.group(1)),
                        m.group(2) == null ? 1 : Integer.parseInt(m.group(2))));
            } catch (ArithmeticException | NumberFormatException e) {
                return Optional.empty();
            }
        }
        return total < 1 ? Optional.empty()
                : Optional.of(new Limit(total, "CPUs in all", "SLURM_JOB_CPUS_PER_NODE=" + cpusPerNode));
    }

    /**
     * A number of CPUs the job was given.
     *
     * @param cpus     how many
     * @param what     "CPUs per task", "CPUs on this node", "CPUs in all"
     * @param variable the variable and its value, e.g. "SLURM_CPUS_PER_TASK=2"
     */
    public record Limit(int cpus, String what, String variable) {
        /** "2 CPUs per task (SLURM_CPUS_PER_TASK=2)". */
        @Override
        public String toString() {
            return cpus + " " + (cpus == 1 ? what.replaceFirst("^CPUs", "CPU") : what) + " (" + variable + ")";
        }
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Integer number(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
