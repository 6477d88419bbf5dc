package dev.jpool.task;

/**
 * How a running task says how far it has got, without knowing who listens.
 *
 * <p>A task calls {@link #report(long, long)} now and then. Whoever runs the task binds a
 * {@link Listener} to the running thread for as long as the task runs: a worker JVM turns the
 * reports into {@code progress} lines for the launcher, the launcher's thread pool passes them
 * to its listener. With nothing bound, a report costs one thread-local read and goes nowhere.
 */
public final class TaskProgress {
    /** Hears the reports of the task running on the thread it is bound to. */
    @FunctionalInterface
    public interface Listener {
        /** {@code done} of {@code total} units; {@code done} never decreases within one task. */
        void progress(long done, long total);
    }

    /** Undoes a {@link #bind(Listener)}: the thread's previous listener is bound again. */
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    private static final ThreadLocal<Listener> CURRENT = new ThreadLocal<>();

    private TaskProgress() {
    }

    /** Reports progress of the task running on this thread to whoever listens, if anyone. */
    public static void report(long done, long total) {
        Listener listener = CURRENT.get();
        if (listener != null) {
            listener.progress(done, total);
        }
    }

    /**
     * Binds {@code listener} to the calling thread until the returned binding is closed; use it
     * in try-with-resources around the task.
     */
    public static Binding bind(Listener listener) {
        Listener previous = CURRENT.get();
        CURRENT.set(listener);
        return new Restore(previous);
    }

    /**
     * Puts back the listener bound before. A class, not a lambda: every worker binds one before its
     * first task, and a JVM's first lambda costs milliseconds of method-handle set-up.
     */
    private static final class Restore implements Binding {
        private final Listener previous;

        Restore(Listener previous) {
            this.previous = previous;
        }

        /** Sets, never removes: a removed entry is made again at the next bind, a weak reference each task. */
        @Override
        public void close() {
            CURRENT.set(previous);
        }
    }
}
