package dev.jpool.launcher.cli;

import dev.jpool.launcher.progress.ProgressBars;
import dev.jpool.launcher.progress.Terminal;
import dev.jpool.launcher.worker.ClassDataArchive;
import dev.jpool.launcher.worker.WorkerCommandLine;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How worker JVMs start and how much jpool says on stderr: shared by every command that runs work. */
final class WorkerOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--worker-jvm-opt", paramLabel = "OPT",
            description = "An option for each worker JVM, e.g. --worker-jvm-opt=-Xmx64m (repeatable). "
                    + "Worker defaults: -XX:+UseSerialGC -Xms8m -Xmx256m -XX:-UsePerfData, JVM warnings to stderr.")
    List<String> workerJvmOptions = new ArrayList<>();

    @Option(names = "--cds", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Start worker JVMs from an application class-data archive (AppCDS), built once per jar "
                    + "and JDK in $JPOOL_CACHE or ~/.cache/jpool; it roughly halves a worker's start. Default: on.")
    boolean cds;

    @Option(names = {"-q", "--quiet"}, description = "No diagnostics and no progress bar on stderr "
            + "(warnings and worker stderr still show).")
    boolean quiet;

    /** Checks the JVM options; a bad one is a usage error, before any JVM starts. */
    void check() {
        for (String option : workerJvmOptions) {
            if (!option.startsWith("-") || option.isBlank() || option.length() < 2) {
                throw new ParameterException(spec.commandLine(), "--worker-jvm-opt '" + option
                        + "' is not a JVM option (JVM options start with '-', e.g. -Xmx64m)");
            }
        }
    }

    /** How to start a worker: this JVM's java and classpath, the user's options, the archive unless --no-cds. */
    WorkerCommandLine workerCommandLine(Map<String, String> env) {
        WorkerCommandLine commandLine = WorkerCommandLine.ofThisJvm().withJvmOptions(workerJvmOptions);
        return cds ? new ClassDataArchive(ClassDataArchive.defaultDirectory(env), this::diagnose).apply(commandLine)
                : commandLine;
    }

    /** Progress bars on stderr where they belong: a terminal, not CI, not {@code --quiet}. */
    ProgressBars progressBars(Map<String, String> env) {
        return Terminal.barWanted(quiet, env, Terminal.stderrIsTerminal()) ? ProgressBars.on(System.err)
                : ProgressBars.off();
    }

    /** Prints a diagnostic line on stderr unless {@code --quiet}. */
    void diagnose(String line) {
        if (!quiet) {
            err().println("jpool: " + line);
            err().flush();
        }
    }

    /** Prints a warning on stderr, even with {@code --quiet}: it says something about the results. */
    void warn(String line) {
        err().println("jpool: warning: " + line);
        err().flush();
    }

    /** Where worker stderr goes: the user's stderr, always. */
    void workerStderr(String line) {
        err().println(line);
        err().flush();
    }

    /** The command's usage error with this message. */
    ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
