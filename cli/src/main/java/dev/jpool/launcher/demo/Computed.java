package dev.jpool.launcher.demo;

/**
 * A demo task's answer: the value, and where it was computed.
 *
 * @param value  the result
 * @param pid    the process that computed it
 * @param thread the thread that computed it
 */
public record Computed(long value, long pid, String thread) {
    static Computed here(long value) {
        return new Computed(value, ProcessHandle.current().pid(), Thread.currentThread().getName());
    }
}
