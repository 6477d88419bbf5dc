/**
 * jpool's public API: a {@link dev.jpool.pool.Pool} shaped like Python's {@code multiprocessing.Pool},
 * over separate worker JVMs ({@link dev.jpool.pool.ProcessPool}) or threads
 * ({@link dev.jpool.pool.ThreadPool}), running tasks that implement {@link dev.jpool.task.Task}.
 *
 * <p>Everything under {@code dev.jpool.launcher} is jpool's own machinery (the command line, the
 * worker process handle, the reports) and may change without notice.
 */
package dev.jpool.pool;
