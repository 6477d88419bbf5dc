package dev.jpool.launcher.run;

/**
 * One phase of one worker on the run's timeline: launcher clock ({@link System#nanoTime()}),
 * in nanoseconds since the run started. The spans of a worker are in time order and do not
 * overlap.
 *
 * @param phase      what the worker was doing, e.g. "JVM start", "compute"
 * @param startNanos when it began, since the run's start
 * @param endNanos   when it ended, since the run's start
 */
public record Span(String phase, long startNanos, long endNanos) {
    public Span {
        if (endNanos < startNanos) {
            throw new IllegalArgumentException(phase + " ends before it starts: " + startNanos + " > " + endNanos);
        }
    }

    public long durationNanos() {
        return endNanos - startNanos;
    }
}
