/**
 * jpool's public API: a {@link dev.jpool.pool.Pool} shaped like Python's {@code multiprocessing.Pool},
 * over separate worker JVMs ({@link dev.jpool.pool.ProcessPool}) or threads
 * ({@link dev.jpool.pool.ThreadPool}), running tasks that implement {@link dev.jpool.task.Task}.
 *
 * <p>This package and {@code dev.jpool.task} are the library's API. The other packages of the
 * {@code dev.jpool:jpool} artifact ({@code dev.jpool.process}: one worker JVM and its pipes;
 * {@code dev.jpool.protocol}: the wire messages; {@code dev.jpool.worker}: the worker JVM's main
 * class; {@code dev.jpool.host}) are its machinery, public only so that its packages can share
 * them, and may change without notice.
 */
package dev.jpool.pool;
