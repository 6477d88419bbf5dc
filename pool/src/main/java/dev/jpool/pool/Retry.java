package dev.jpool.pool;

/**
 * A chunk that a {@link ProcessPool} ran again because its worker JVM died or timed out.
 *
 * @param firstInput position of the chunk's first input in its call
 * @param inputs     inputs in the chunk
 * @param attempt    which attempt failed (1 for the first run)
 * @param worker     the worker it failed on, e.g. "worker 1 (pid 4242)"
 * @param cause      what happened: exit code or signal, timeout, the end of the worker's stderr
 */
public record Retry(int firstInput, int inputs, int attempt, String worker, String cause) {
}
