package dev.jpool.launcher.run;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds one worker's spans from absolute launcher-clock times. A span never starts before the
 * previous one ended (times read on two clocks, or two threads, can disagree by a little), so a
 * lane is always in order and never overlaps itself.
 */
final class Timeline {
    /** Phase names, the same in every report, trace and chart. */
    static final String JVM_START = "JVM start";
    static final String RECEIVE = "receive";
    static final String PREPARE = "prepare";
    static final String COMPUTE = "compute";
    static final String SEND = "send";
    static final String EXIT = "exit";
    static final String POOL_START = "pool start";
    static final String QUEUE_WAIT = "queue wait";
    static final String JOIN = "join";
    static final String SHUTDOWN = "shutdown";

    private final long origin;
    private final List<Span> spans = new ArrayList<>();
    private long last;

    /** @param origin the run's start on the launcher's clock */
    Timeline(long origin) {
        this.origin = origin;
    }

    /** Adds a phase from {@code start} to {@code end}, both absolute {@link System#nanoTime()} values. */
    Timeline add(String phase, long start, long end) {
        long from = Math.max(start - origin, last);
        long to = Math.max(end - origin, from);
        spans.add(new Span(phase, from, to));
        last = to;
        return this;
    }

    List<Span> spans() {
        return List.copyOf(spans);
    }
}
