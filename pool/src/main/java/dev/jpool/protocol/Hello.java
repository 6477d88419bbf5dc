package dev.jpool.protocol;

/**
 * First line a worker writes, as soon as its JVM is up.
 *
 * @param v            protocol version
 * @param pid          the worker's OS process id
 * @param javaVersion  {@code java.version} of the worker JVM
 * @param nanoTime     the worker's {@link System#nanoTime()} when it wrote this line
 * @param host         the host name the worker runs on
 * @param node         the SLURM node ({@code SLURMD_NODENAME}), else the host name
 * @param slurmStep    {@code SLURM_STEP_ID} when the worker is a SLURM job step, else null
 */
public record Hello(int v, long pid, String javaVersion, long nanoTime,
                    String host, String node, String slurmStep) implements Message {
    /** The line's {@code type}. */
    public static final String TYPE = "hello";
}
