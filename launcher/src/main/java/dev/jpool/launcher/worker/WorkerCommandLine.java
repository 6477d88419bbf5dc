package dev.jpool.launcher.worker;

import dev.jpool.pi.PiKernels;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start a worker JVM: which {@code java}, which classpath, which JVM options, which main
 * class, and what runs it. By default the launcher's own {@code java} binary and classpath, so a
 * worker runs the same code as the launcher, started directly.
 *
 * @param java       path of the {@code java} executable
 * @param classpath  the worker's classpath
 * @param jvmOptions options placed before the main class (heap, GC, system properties)
 * @param mainClass  the worker's main class
 * @param prefix     words placed before {@code java}: empty to start the JVM directly, or e.g.
 *                   {@code srun --exact ...} to start it as a SLURM job step
 */
public record WorkerCommandLine(String java, String classpath, List<String> jvmOptions, String mainClass,
                                List<String> prefix) {
    /** The worker main class shipped in jpool.jar. */
    public static final String WORKER_MAIN = "dev.jpool.worker.WorkerMain";

    /**
     * How much later than HotSpot's defaults a worker's JIT compiles code that is not the pi kernel:
     * after three times the calls and loops. A fresh worker otherwise spends about a quarter of a
     * second of CPU compiling (C1 some 600 methods: JVM start-up, Jackson, the protocol), which on
     * a machine whose cores all run workers is taken from the darts. Code that runs hot in a task
     * is compiled all the same, a little later; the kernel's classes are scaled back below.
     */
    static final String COMPILE_LATER = "3";

    /**
     * JVM options a worker gets unless told otherwise: a small heap and the serial collector,
     * which suit a short-lived compute process holding little data; no perf-data file; the JVM's
     * own log warnings on stderr, so they can never land in the protocol channel; and the JIT
     * thresholds of {@link #COMPILE_LATER}, except for the scalar kernel's classes, which keep the
     * default ones (the first CompileCommand keeps HotSpot from echoing the others on stdout, the
     * protocol channel).
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms8m", "-Xmx256m",
            "-XX:-UsePerfData", "-Xlog:disable", "-Xlog:all=warning:stderr",
            "-XX:CompileThresholdScaling=" + COMPILE_LATER, "-XX:CompileCommand=quiet",
            "-XX:CompileCommand=CompileThresholdScaling,dev.jpool.pi.ScalarPiKernel::*,0.333",
            "-XX:CompileCommand=CompileThresholdScaling,dev.jpool.pi.MonteCarloPi::*,0.333");

    /** Gives a worker the Vector API, so it counts darts with the vector kernel. */
    public static final String VECTOR_MODULE_OPTION = "--add-modules=" + PiKernels.VECTOR_MODULE;

    /**
     * Go with {@link #VECTOR_MODULE_OPTION}: the JIT compiles the vector kernel's methods after a
     * twentieth of the default calls and loops (0.0167 of the thresholds that {@link #COMPILE_LATER}
     * tripled), so a fresh worker spends less time running them as slow, uncompiled Vector API code
     * (the kernel counts on the scalar kernel meanwhile).
     */
    public static final List<String> VECTOR_JIT_OPTIONS = List.of(
            "-XX:CompileCommand=CompileThresholdScaling,dev.jpool.pi.VectorPiKernel::*,0.0167");

    /**
     * The line a JVM writes on stderr as it starts when an incubator module is added. jpool asked for
     * the module, so the line is expected, not news about the worker: {@link WorkerProcess} drops it.
     */
    static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: " + PiKernels.VECTOR_MODULE;

    public WorkerCommandLine {
        jvmOptions = List.copyOf(jvmOptions);
        prefix = List.copyOf(prefix);
    }

    /** A worker JVM started directly, with no prefix. */
    public WorkerCommandLine(String java, String classpath, List<String> jvmOptions, String mainClass) {
        this(java, classpath, jvmOptions, mainClass, List.of());
    }

    /**
     * The launcher's java and classpath, the default options, the jpool worker main class; and the
     * Vector API module where this JDK has it (whether or not the launcher itself was given it).
     */
    public static WorkerCommandLine ofThisJvm() {
        List<String> options = new ArrayList<>(DEFAULT_JVM_OPTIONS);
        if (ModuleFinder.ofSystem().find(PiKernels.VECTOR_MODULE).isPresent()) {
            options.add(VECTOR_MODULE_OPTION);
            options.addAll(VECTOR_JIT_OPTIONS);
            if (Runtime.version().feature() >= 25) {
                // JDK 25 logs an error at every start that its own base archive was dumped without the
                // module (and carries on without the archive's module graph): news about the JDK, not the worker.
                options.add("-Xlog:cds=off:stderr");
            }
        }
        return new WorkerCommandLine(currentJava(), System.getProperty("java.class.path"), options, WORKER_MAIN);
    }

    /** Lines the JVM writes on stderr as it starts because of these options, rather than because of the worker. */
    public List<String> startupNotices() {
        return jvmOptions.contains(VECTOR_MODULE_OPTION) ? List.of(INCUBATOR_WARNING) : List.of();
    }

    /** The same worker with {@code extra} options appended (later options win in HotSpot). */
    public WorkerCommandLine withJvmOptions(List<String> extra) {
        List<String> all = new ArrayList<>(jvmOptions);
        all.addAll(extra);
        return new WorkerCommandLine(java, classpath, all, mainClass, prefix);
    }

    /** The same worker without {@code option} (every occurrence). */
    public WorkerCommandLine withoutJvmOption(String option) {
        return new WorkerCommandLine(java, classpath, jvmOptions.stream().filter(o -> !o.equals(option)).toList(),
                mainClass, prefix);
    }

    /** The same command line with another main class (for tests and special workers). */
    public WorkerCommandLine withMainClass(String main) {
        return new WorkerCommandLine(java, classpath, jvmOptions, main, prefix);
    }

    /** The same worker run by {@code words} (e.g. srun and its options); empty to start it directly. */
    public WorkerCommandLine withPrefix(List<String> words) {
        return new WorkerCommandLine(java, classpath, jvmOptions, mainClass, words);
    }

    /** The full command, ready for {@link ProcessBuilder}. */
    public List<String> command() {
        List<String> command = new ArrayList<>(prefix);
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        return command;
    }

    /** The {@code java} binary running this JVM. */
    static String currentJava() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    @Override
    public String toString() {
        return String.join(" ", command());
    }
}
