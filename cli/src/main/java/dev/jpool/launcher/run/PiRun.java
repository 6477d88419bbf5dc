package dev.jpool.launcher.run;

import dev.jpool.pi.MonteCarloPi;
import dev.jpool.pool.Retry;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one complete Monte Carlo pi run.
 *
 * @param mode               where it ran
 * @param samples            darts thrown
 * @param seed               the seed
 * @param hits               darts inside the quarter circle
 * @param wallNanos          from the first spawn (or pool start) until every worker had stopped
 * @param kernel             the kernel the workers used
 * @param workers            one entry per worker, in index order
 * @param launcherPid        this JVM's pid
 * @param launcherPeakRssKib this JVM's peak RSS after the run, null where unknown
 * @param retries            chunks re-run because their worker JVM died or timed out (process mode)
 * @param workerCount        the workers the run asked for; {@code workers} also lists the
 *                           replacements of workers that died
 */
public record PiRun(Mode mode, long samples, long seed, long hits, long wallNanos, String kernel,
                    List<WorkerTiming> workers, long launcherPid, Long launcherPeakRssKib, List<Retry> retries,
                    int workerCount) {
    public PiRun {
        Objects.requireNonNull(mode);
        workers = List.copyOf(workers);
        retries = List.copyOf(retries);
    }

    public double pi() {
        return MonteCarloPi.estimate(hits, samples);
    }

    public double absoluteError() {
        return Math.abs(pi() - Math.PI);
    }

    public double standardError() {
        return MonteCarloPi.standardError(hits, samples);
    }

    public double samplesPerSecond() {
        return samples / (wallNanos / 1e9);
    }
}
