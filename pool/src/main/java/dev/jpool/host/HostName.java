package dev.jpool.host;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a JVM runs: its host name, and its SLURM node and job step when it is a job step. */
public final class HostName {
    private HostName() {
    }

    /** Where Linux keeps this host's name, as {@code gethostname(2)} gives it. */
    private static final Path KERNEL_HOST_NAME = Path.of("/proc/sys/kernel/hostname");

    /**
     * The host name, without a DNS lookup where the environment or the kernel already says it:
     * {@code $HOSTNAME} (shells rarely export it), else Linux's {@code /proc/sys/kernel/hostname},
     * the very name {@code InetAddress.getLocalHost().getHostName()} would give, without that
     * call's name-service lookup (networking classes and often a resolver round trip, some ten
     * milliseconds of a worker's start), else that call.
     */
    public static String host() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            String kernel = Files.readString(KERNEL_HOST_NAME, StandardCharsets.UTF_8).strip();
            if (!kernel.isEmpty()) {
                return kernel;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc: ask the JDK
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
