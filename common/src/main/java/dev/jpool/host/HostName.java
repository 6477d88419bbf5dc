package dev.jpool.host;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Where a JVM runs: its host name, and its SLURM node and job step when it is a job step. */
public final class HostName {
    private HostName() {
    }

    /** The host name, without a DNS lookup where the environment already says it. */
    public static String host() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    /** {@code SLURMD_NODENAME} inside a SLURM job, else the host name. */
    public static String node() {
        String node = System.getenv("SLURMD_NODENAME");
        return node != null && !node.isBlank() ? node : host();
    }

    /** {@code SLURM_STEP_ID} inside a SLURM job step, else null. */
    public static String slurmStep() {
        String step = System.getenv("SLURM_STEP_ID");
        return step != null && !step.isBlank() ? step : null;
    }
}
