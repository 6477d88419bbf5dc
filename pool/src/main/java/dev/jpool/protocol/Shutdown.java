package dev.jpool.protocol;

/** Launcher to worker: finish what is running, say {@link Bye}, exit. */
public record Shutdown(int v) implements Message {
    /** The line's {@code type}. */
    public static final String TYPE = "shutdown";
}
