package dev.jpool.launcher.cli;

import picocli.CommandLine.Option;

/** What a Monte Carlo run computes: how many darts, from which seed. */
final class RunOptions {
    @Option(names = "--samples", paramLabel = "N", defaultValue = "1e9", converter = SampleCountConverter.class,
            description = "Darts to throw: 1000000, 1_000_000 or 1e6 (up to 1e15). Default: ${DEFAULT-VALUE}.")
    long samples;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "20201117", converter = SeedConverter.class,
            description = "Seed of the random streams, or 'random'. The same seed and samples give the same "
                    + "hit count in every mode and with any worker count. Default: ${DEFAULT-VALUE}.")
    long seed;
}
