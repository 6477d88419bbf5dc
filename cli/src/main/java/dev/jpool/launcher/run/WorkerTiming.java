package dev.jpool.launcher.run;

import java.util.List;

/**
 * What one worker (a process, a thread, or the calling thread) did in a run, and where its time
 * went, in nanoseconds of the launcher's clock.
 *
 * <p>The phases read differently per mode. Process: {@code start} is spawn until the worker's
 * hello (the JVM start), {@code send} the task line's trip to the worker, {@code collect} the
 * result line's trip back, {@code stop} shutdown until the process exited. Thread: {@code start}
 * is starting the pool, {@code send} the wait from submit until a thread ran the task,
 * {@code collect} from the task's end until the caller joined it, {@code stop} the pool's
 * shutdown. Serial: compute only.
 *
 * @param index      0-based worker index
 * @param label      "pid 1234", a thread name, or "main"
 * @param pid        the worker JVM's pid, or null for threads
 * @param node       where it ran (host or SLURM node)
 * @param slurmStep  the SLURM job step it ran as ({@code SLURM_STEP_ID}), null when it was none
 * @param samples    darts it threw
 * @param hits       darts inside
 * @param startNanos    see above
 * @param sendNanos     see above
 * @param computeNanos  time inside the task
 * @param collectNanos  see above
 * @param stopNanos     see above
 * @param peakRssKib    the worker JVM's peak RSS in KiB (process mode on Linux), else null
 * @param spans         the same phases on the run's timeline, in order (for traces and charts)
 */
public record WorkerTiming(int index, String label, Long pid, String node, String slurmStep, long samples, long hits,
                           long startNanos, long sendNanos, long computeNanos, long collectNanos,
                           long stopNanos, Long peakRssKib, List<Span> spans) {
    public WorkerTiming {
        spans = List.copyOf(spans);
    }

    /** A worker that is no SLURM job step (a thread, or the calling thread), with its timeline. */
    public WorkerTiming(int index, String label, Long pid, String node, long samples, long hits, long startNanos,
                        long sendNanos, long computeNanos, long collectNanos, long stopNanos, Long peakRssKib,
                        List<Span> spans) {
        this(index, label, pid, node, null, samples, hits, startNanos, sendNanos, computeNanos, collectNanos, stopNanos,
                peakRssKib, spans);
    }
}
