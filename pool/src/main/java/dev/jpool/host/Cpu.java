package dev.jpool.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The processor benchmarks ran on, as Linux names it, for printing beside their figures. */
public final class Cpu {
    private Cpu() {
    }

    /** "AMD EPYC, 2 processors": the model from {@code /proc/cpuinfo} and the processors this JVM may use. */
    public static String describe() {
        return model() + ", " + Runtime.getRuntime().availableProcessors() + " processors";
    }

    /** The {@code model name} of {@code /proc/cpuinfo}, else {@code os.arch}. */
    public static String model() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && line.contains(":")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }
}
