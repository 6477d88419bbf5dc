package dev.jpool.protocol;

/**
 * One line of the worker protocol: line-delimited JSON, one record per message type.
 *
 * <p>Every line carries its {@code type} (each record's {@code TYPE}) and the protocol version
 * {@code v}, then the record's components by name. Launcher to worker: {@link RunTask},
 * {@link Shutdown}. Worker to launcher: {@link Hello}, {@link Progress}, {@link TaskResult},
 * {@link TaskFailure}, {@link Bye}. {@link Protocol} reads and writes them.
 *
 * <p>A record is its message's only spelling: its {@code TYPE} and its components are the line's
 * {@code type} and fields, read from the record once ({@link MessageCodec}). A component added to a
 * record travels with no other edit, if its type is one a line can carry ({@link FieldKind}).
 */
public sealed interface Message permits Hello, RunTask, Progress, TaskResult, TaskFailure, Shutdown, Bye {
    /** The protocol version this message was written in. */
    int v();
}
