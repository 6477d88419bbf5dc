package dev.jpool.process;

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

    private static final List<String> BASE_JVM_OPTIONS = List.of("-XX:-UsePerfData", "-Xlog:disable",
            "-Xlog:all=warning:stderr");

    /**
     * HotSpot compiles jpool's own worker-side code, what a worker runs for every task (reading the
     * line, running the task, writing its answer), at 3% of the JIT's usual thresholds: its small
     * methods, called once a task, are C1-compiled within the first ten tasks instead of after 200
     * and C2-compiled within the first few hundred instead of after some 5,000. The task's own classes,
     * the user's, keep the JVM's thresholds. {@code quiet} first: without it, HotSpot writes a line
     * on stdout for each CompileCommand, which is the protocol channel. Measured in
     * {@code WarmUpRoundTrip}, five interleaved pairs against the commit before (2-core AMD EPYC,
     * JDK 17): a fresh pool's calls 300-500 at 41-59 us against 69-101, calls 500-1000 at 35-51
     * against 53-76, steady alike; its first ten calls at 400-760 us against 240-360, and its cold
     * start some 8 ms longer (0.79-0.83x PP4J's in {@code ColdStartPeers} against 0.72-0.74x).
     */
    public static final List<String> OWN_CODE_COMPILE_HINTS = List.of("-XX:CompileCommand=quiet",
            "-XX:CompileCommand=CompileThresholdScaling,dev.jpool.protocol.*::*,0.03",
            "-XX:CompileCommand=CompileThresholdScaling,dev.jpool.worker.*::*,0.03",
            "-XX:CompileCommand=CompileThresholdScaling,dev.jpool.task.*::*,0.03");

    /**
     * JVM options every worker gets unless told otherwise: no perf-data file, and the JVM's own log
     * warnings on stderr, so they can never land in the protocol channel. The collector is the
     * JVM's own choice, as for any {@code java}: on JDK 17 the serial collector cannot map the
     * archived heap of the JDK's class-data archive, so a worker given it initialised its module
     * system from scratch (some 20 ms) and answered first 24 ms later than with G1, the JDK's
     * choice on a machine of 2 cores (108.2 against 83.9 ms, median of 30 pairs of workers started
     * at once, JDK 17). On HotSpot, {@link #OWN_CODE_COMPILE_HINTS} too. Nothing here is tuned for
     * one task: a task that wants more (a collector, a module, a heap size, JIT hints) passes its
     * options through the pool's options, as jpool's pi workload does.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = defaultJvmOptions(System.getProperty("java.vm.name", ""));

    /** The line a JVM writes on stderr as it starts when an incubator module is added; {@code %s} is the module. */
    private static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: %s";

    public WorkerCommandLine {
        jvmOptions = List.copyOf(jvmOptions);
        prefix = List.copyOf(prefix);
    }

    /** A worker JVM started directly, with no prefix. */
    public WorkerCommandLine(String java, String classpath, List<String> jvmOptions, String mainClass) {
        this(java, classpath, jvmOptions, mainClass, List.of());
    }

    /** This JVM's java and classpath, the default options, the jpool worker main class. */
    public static WorkerCommandLine ofThisJvm() {
        return new WorkerCommandLine(currentJava(), System.getProperty("java.class.path"), DEFAULT_JVM_OPTIONS,
                WORKER_MAIN);
    }

    /**
     * Lines the JVM writes on stderr as it starts because of these options, rather than because of
     * the worker: the notice of each incubator module added with {@code --add-modules=jdk.incubator...}.
     * They were asked for, so they are not news about the worker: {@link WorkerProcess} drops them.
     */
    public List<String> startupNotices() {
        List<String> notices = new ArrayList<>();
        for (String option : jvmOptions) {
            if (option.startsWith("--add-modules=")) {
                for (String module : option.substring("--add-modules=".length()).split(",")) {
                    if (module.startsWith("jdk.incubator.")) {
                        notices.add(String.format(INCUBATOR_WARNING, module));
                    }
                }
            }
        }
        return notices;
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

    /** The default options for workers of a JVM of this name: the compile hints only for HotSpot's. */
    static List<String> defaultJvmOptions(String vmName) {
        if (!isHotSpot(vmName)) {
            return BASE_JVM_OPTIONS;
        }
        List<String> options = new ArrayList<>(BASE_JVM_OPTIONS);
        options.addAll(OWN_CODE_COMPILE_HINTS);
        return List.copyOf(options);
    }

    /** Whether a JVM of this {@code java.vm.name} is HotSpot, whose {@code -XX} options workers are given. */
    static boolean isHotSpot(String vmName) {
        return vmName.contains("HotSpot") || vmName.contains("OpenJDK");
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
