package dev.jpool.launcher.report;

import dev.jpool.host.Cpu;
import dev.jpool.launcher.run.MachineLoad;

/**
 * Where runs were made, for a report's header and a plot's subtitle: the processor, the kernel
 * every mode counted with, the JDK, and how busy the machine was. A field is null where unknown
 * (runs read back from files).
 *
 * @param cpu    the processor's model, e.g. "AMD EPYC"
 * @param kernel the kernel of every mode, e.g. "vector-256"
 * @param jdk    e.g. "JDK 17.0.15"
 * @param load   the machine's load while measuring
 */
public record Machine(String cpu, String kernel, String jdk, MachineLoad.Reading load) {
    /** This machine and JDK, with the kernel every mode ran and the load read while measuring. */
    public static Machine here(String kernel, MachineLoad.Reading load) {
        return new Machine(Cpu.model(), kernel, "JDK " + System.getProperty("java.version"), load);
    }

    /** Nothing known: the runs were made elsewhere. */
    public static Machine unknown() {
        return new Machine(null, null, null, null);
    }

    /** "AMD EPYC, 2 cores, vector-256 kernel, JDK 17.0.15", or empty when nothing is known. */
    String describe(Integer cores) {
        StringBuilder text = new StringBuilder();
        append(text, cpu);
        append(text, cores == null ? null : cores + " core" + (cores == 1 ? "" : "s"));
        append(text, kernel == null ? null : kernel + " kernel");
        append(text, jdk);
        return text.toString();
    }

    private static void append(StringBuilder text, String part) {
        if (part != null) {
            text.append(text.length() == 0 ? "" : ", ").append(part);
        }
    }
}
