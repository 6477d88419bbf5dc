package dev.jpool.pi;

import java.lang.module.ModuleFinder;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options a worker JVM counting darts runs best with: what the pi workload asks of a pool
 * (through its JVM options), as any task may. The pool itself gives its workers none of these.
 */
public final class PiWorkers {
    /** Gives a worker the Vector API, so it counts darts with the vector kernel. */
    public static final String VECTOR_MODULE_OPTION = "--add-modules=" + PiKernels.VECTOR_MODULE;

    /**
     * How much later than HotSpot's defaults a worker's JIT compiles code that is not the pi kernel:
     * after three times the calls and loops. A fresh worker otherwise spends about a quarter of a
     * second of CPU compiling (C1 some 600 methods: JVM start-up, Jackson, the protocol), which on
     * a machine whose cores all run workers is taken from the darts. Code that runs hot is compiled
     * all the same, a little later; the kernels' classes are scaled back below.
     */
    static final String COMPILE_LATER = "3";

    /**
     * A small heap (a pi worker holds a few counters), the thresholds of {@link #COMPILE_LATER}
     * except for the scalar kernel's classes, which keep the default ones (the first CompileCommand
     * keeps HotSpot from echoing the others on stdout, the protocol channel).
     */
    static final List<String> BASE_OPTIONS = List.of("-Xms8m", "-Xmx256m",
            "-XX:CompileThresholdScaling=" + COMPILE_LATER, "-XX:CompileCommand=quiet",
            "-XX:CompileCommand=CompileThresholdScaling,dev.jpool.pi.ScalarPiKernel::*,0.333",
            "-XX:CompileCommand=CompileThresholdScaling,dev.jpool.pi.MonteCarloPi::*,0.333");

    /**
     * Go with {@link #VECTOR_MODULE_OPTION}: the JIT compiles the vector kernel's methods after a
     * twentieth of the default calls and loops (0.0167 of the thresholds that {@link #COMPILE_LATER}
     * tripled), so a fresh worker spends less time running them as slow, uncompiled Vector API code
     * (the kernel counts on the scalar kernel meanwhile).
     */
    static final List<String> VECTOR_JIT_OPTIONS = List.of(
            "-XX:CompileCommand=CompileThresholdScaling,dev.jpool.pi.VectorPiKernel::*,0.0167");

    private PiWorkers() {
    }

    /** The options for a worker JVM of this JDK: the Vector API module and its JIT hint where the JDK has it. */
    public static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(BASE_OPTIONS);
        if (ModuleFinder.ofSystem().find(PiKernels.VECTOR_MODULE).isPresent()) {
            options.add(VECTOR_MODULE_OPTION);
            options.addAll(VECTOR_JIT_OPTIONS);
            if (Runtime.version().feature() >= 25) {
                // JDK 25 logs an error at every start that its own base archive was dumped without the
                // module (and carries on without the archive's module graph): news about the JDK, not the worker.
                options.add("-Xlog:cds=off:stderr");
            }
        }
        return options;
    }
}
