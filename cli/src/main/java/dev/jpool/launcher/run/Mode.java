package dev.jpool.launcher.run;

/** Where the chunks of a run execute. */
public enum Mode {
    /** One separate worker JVM per worker, talking JSON lines over pipes. */
    PROCESS,
    /** A pool of threads inside the launcher's JVM, sharing its memory. */
    THREAD,
    /** One chunk on the calling thread: the baseline. */
    SERIAL;

    /** The lower-case name used on the command line and in reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
