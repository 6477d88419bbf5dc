package dev.jpool.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One line of the worker protocol: line-delimited JSON, one record per message type.
 *
 * <p>Every line carries its {@code type} (the name below) and the protocol version {@code v}.
 * Launcher to worker: {@link RunTask}, {@link Shutdown}. Worker to launcher: {@link Hello},
 * {@link Progress}, {@link TaskResult}, {@link TaskFailure}, {@link Bye}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = RunTask.class, name = "run"),
    @JsonSubTypes.Type(value = Progress.class, name = "progress"),
    @JsonSubTypes.Type(value = TaskResult.class, name = "result"),
    @JsonSubTypes.Type(value = TaskFailure.class, name = "failure"),
    @JsonSubTypes.Type(value = Shutdown.class, name = "shutdown"),
    @JsonSubTypes.Type(value = Bye.class, name = "bye"),
})
public sealed interface Message permits Hello, RunTask, Progress, TaskResult, TaskFailure, Shutdown, Bye {
    /** The protocol version this message was written in. */
    int v();
}
