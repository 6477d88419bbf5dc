package dev.jpool.launcher.cli;

import dev.jpool.host.ProcessTree;
import dev.jpool.process.StartCache;
import dev.jpool.protocol.Protocol;
import dev.jpool.protocol.Shutdown;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;

/** {@code java -jar jpool.jar}: parses the command line, runs it, exits with its code. */
public final class Main {
    /** Longest a run waits at its end for a start cache its pools are building (they take seconds). */
    private static final Duration BUILD_AT_EXIT = Duration.ofMinutes(3);
    /** How long it waits for one before it says so. */
    private static final Duration QUIET_WAIT = Duration.ofSeconds(1);

    private Main() {
    }

    public static void main(String[] args) {
        warmUpProtocol();
        // Whatever this launcher started (worker JVMs, and the processes that tasks in thread mode
        // start) ends with it, on a normal end as on Ctrl-C or SIGTERM.
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessTree::endDescendantsOfThisJvm, "jpool-reaper"));
        Stdout.install();
        int status = Stdout.checked(commandLine(System.getenv()).execute(args), System.err);
        if (status == 0) {
            finishStartCaches();
        }
        System.exit(status);
    }

    /**
     * The first run on a new jar, JDK or set of worker options starts its workers without a start
     * cache and has one built in the background, by a training JVM that would end with this one:
     * after a run that succeeded, it is let finish here, after the run's output, so that the next
     * run's workers start from it. A run that failed ends at once, and its build with it; a wait
     * of more than a second is said (not under {@code --quiet}).
     */
    private static void finishStartCaches() {
        try {
            StartCache.awaitBuilds(QUIET_WAIT, "finishing the workers' start cache for the next run (up to "
                    + BUILD_AT_EXIT.toMinutes() + " min; Ctrl-C skips it, and the next run builds it again)", BUILD_AT_EXIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Builds and uses a throw-away {@link Protocol} on a daemon thread while picocli parses the
     * command line on this one: a fresh JVM spends some 40 ms of class loading and initialisation
     * on Jackson's databind before its first mapper works, and a process run needs one before it
     * spawns its workers. At this point of a launch nothing else runs, so the second core does it
     * for free; a command that needs no protocol loses nothing but that core's time.
     */
    private static void warmUpProtocol() {
        Thread warmUp = new Thread(() -> new Protocol().encode(new Shutdown(Protocol.VERSION)), "jpool-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** The configured command line; {@code env} stands in for the process environment. */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cli = new CommandLine(new JpoolCommand(env));
        cli.setUsageHelpAutoWidth(true); // help as wide as the terminal; 80 columns where it cannot tell
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setExecutionExceptionHandler(new RunErrorHandler(env));
        return cli;
    }
}
