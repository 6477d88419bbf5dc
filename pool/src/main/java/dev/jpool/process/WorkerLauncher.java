package dev.jpool.process;

/** What starts each worker JVM. */
public enum WorkerLauncher {
    /** A child process of the launcher, on this machine. */
    LOCAL,
    /** A SLURM job step of the current allocation, on whichever of its nodes SLURM picks. */
    SRUN;

    /** The lower-case name used on the command line. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
