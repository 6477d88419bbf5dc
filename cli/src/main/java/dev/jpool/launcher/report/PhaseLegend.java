package dev.jpool.launcher.report;

import dev.jpool.launcher.run.Mode;

/** What the phase columns mean in each mode, printed under every table. */
final class PhaseLegend {
    private PhaseLegend() {
    }

    static String of(Mode mode) {
        return switch (mode) {
            case PROCESS -> "process: start = spawn until the worker JVM's hello (JVM start), send = task line"
                    + " to the worker, compute = the task, collect = result line back, stop = bye and JVM exit";
            case THREAD -> "thread: start = starting the pool's threads, send = submit until a thread runs it,"
                    + " compute = the task, collect = task end until joined, stop = pool shutdown";
            case SERIAL -> "serial: the whole run is compute on the calling thread";
        };
    }
}
