package dev.jpool.launcher.worker;

/** A worker JVM that failed: could not start, died, or broke the protocol. Names the worker. */
public class WorkerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WorkerException(String message) {
        super(message);
    }

    public WorkerException(String message, Throwable cause) {
        super(message, cause);
    }
}
