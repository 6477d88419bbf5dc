package dev.jpool.process;

/** What starts each worker JVM. */
public enum WorkerLauncher {
    /** A child process of the launcher, on this machine. */
    LOCAL,
    /** A SLURM job step of the current allocation, on whichever of its nodes SLURM picks. */
    SRUN,
    /**
     * A child of a per-node agent, one SLURM job step per node of the current allocation, its
     * channel carried over the agent's (see {@code dev.jpool.launcher.slurm.AgentHub}).
     */
    AGENT;

    /** Whether workers started so run inside a SLURM allocation's job steps. */
    public boolean slurm() {
        return this != LOCAL;
    }

    /** The lower-case name used on the command line. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
