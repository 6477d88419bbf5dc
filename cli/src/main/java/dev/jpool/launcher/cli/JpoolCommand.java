package dev.jpool.launcher.cli;

import java.util.Map;
import picocli.CommandLine.Command;

/** The top command; the work is in its subcommands. */
@Command(name = "jpool", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Runs work in a pool of separate worker JVMs, in a thread pool or serially, and measures what "
                + "each costs. Monte Carlo pi is the example workload.",
        subcommands = {PiCommand.class, CompareCommand.class, ScaleCommand.class, CrossoverCommand.class,
                MapCommand.class, GatherCommand.class, DemoCommand.class, StartupCommand.class},
        footer = {"", Examples.HEADING,
                "  ./jpool compare --samples 1e9 --workers 2",
                "  ./jpool pi --help"})
final class JpoolCommand implements Runnable {
    private final Map<String, String> env;

    JpoolCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The environment the subcommands read ({@code NUM_PROCS}, {@code SLURM_CPUS_PER_TASK}). */
    Map<String, String> env() {
        return env;
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "missing command: pi, compare, scale, crossover, map or demo");
    }
}
