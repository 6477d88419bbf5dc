package dev.jpool.launcher.run;

/** Hears how far each worker of a run has got: called from worker reader threads or pool threads. */
@FunctionalInterface
public interface RunProgress {
    /** Hears nothing. */
    RunProgress NONE = (worker, done, total) -> { };

    /** Worker {@code worker} (0-based) has done {@code done} of its {@code total} samples. */
    void progress(int worker, long done, long total);
}
