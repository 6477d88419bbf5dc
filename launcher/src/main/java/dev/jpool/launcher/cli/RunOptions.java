package dev.jpool.launcher.cli;

import dev.jpool.launcher.run.WorkerCount;
import dev.jpool.launcher.worker.WorkerCommandLine;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options every run command shares: what to compute, on how many workers, how to start them. */
final class RunOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "1e9", converter = SampleCountConverter.class,
            description = "Darts to throw: 1000000, 1_000_000 or 1e6 (up to 1e15). Default: ${DEFAULT-VALUE}.")
    long samples;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "20201117", converter = SeedConverter.class,
            description = "Seed of the random streams, or 'random'. The same seed and samples give the same "
                    + "hit count in every mode and with any worker count. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--workers", paramLabel = "N",
            description = "Worker JVMs or threads. Default: NUM_PROCS, else SLURM_CPUS_PER_TASK, "
                    + "else the available processors.")
    Integer workers;

    /** --worker-jvm-opt, --cds, --quiet. */
    @Mixin
    WorkerOptions worker;

    /** Checks what picocli cannot see alone; a problem is a usage error, before any JVM starts. */
    WorkerCount workerCount(Map<String, String> env) {
        worker.check();
        try {
            return WorkerCount.resolve(workers, env, Runtime.getRuntime().availableProcessors());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** How to start a worker: this JVM's java and classpath, the user's options, the archive unless --no-cds. */
    WorkerCommandLine workerCommandLine(Map<String, String> env) {
        return worker.workerCommandLine(env);
    }

    /** Prints a diagnostic line on stderr unless {@code --quiet}. */
    void diagnose(String line) {
        worker.diagnose(line);
    }

    /** Where worker stderr goes: the user's stderr, always. */
    void workerStderr(String line) {
        worker.workerStderr(line);
    }
}
