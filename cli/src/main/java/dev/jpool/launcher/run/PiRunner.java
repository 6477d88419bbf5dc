package dev.jpool.launcher.run;

/** Runs one Monte Carlo pi estimate in one mode. */
public interface PiRunner {
    Mode mode();

    /** Runs {@code samples} darts from {@code seed} on {@code workers} workers. */
    PiRun run(long samples, long seed, int workers) throws InterruptedException;
}
