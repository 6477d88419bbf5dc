package dev.jpool.launcher.cli;

import picocli.CommandLine.Option;

/** {@code --workers N}: how many worker JVMs or threads one run uses. */
final class WorkersOption {
    @Option(names = "--workers", paramLabel = "N",
            description = "Worker JVMs or threads. Default: NUM_PROCS, else SLURM_CPUS_PER_TASK, "
                    + "else the available processors.")
    Integer workers;
}
