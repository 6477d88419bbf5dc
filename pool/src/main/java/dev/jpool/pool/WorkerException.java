package dev.jpool.pool;

/**
 * A worker JVM that failed: it could not start, died (killed, out of memory, {@code System.exit}
 * in a task), or broke the protocol. The message names the worker (index and pid), what happened
 * (exit code or signal, the bad line) and the end of what it wrote on stderr.
 */
public class WorkerException extends PoolException {
    private static final long serialVersionUID = 1L;

    public WorkerException(String message) {
        super(message);
    }

    public WorkerException(String message, Throwable cause) {
        super(message, cause);
    }
}
