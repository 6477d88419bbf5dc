package dev.jpool.pool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.jpool.task.Task;
import dev.jpool.task.TaskTypes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a task travels to a process pool's workers, worked out once per call: by class name, the
 * worker making a fresh instance, when that means the same; else serialized, state and captures
 * with it, when the task is {@link java.io.Serializable}; else refused, saying why. Each task
 * class's output reader is worked out once.
 */
final class SendableTasks {
    /** A task as a call sends it: its class name or its serialized form, and how its outputs are read. */
    record Sendable<I, O>(Task<I, O> task, String wire, ObjectReader outputs) implements Task<I, O> {
        @Override
        public O apply(I input) throws Exception {
            return task.apply(input);
        }
    }

    private final List<Path> workerClasspath;
    private final ObjectMapper mapper;
    private final Map<Class<?>, ObjectReader> outputReaders = new ConcurrentHashMap<>();

    SendableTasks(List<Path> workerClasspath, ObjectMapper mapper) {
        this.workerClasspath = workerClasspath;
        this.mapper = mapper;
    }

    /** Refuses, saying why, a task that could not be sent to workers with this classpath. */
    static void requireSendable(Task<?, ?> task, List<Path> workerClasspath) {
        if (TaskSerialization.travelsSerialized(task)) {
            TaskCheck.requireOnClasspath(task.getClass(), workerClasspath);
            TaskSerialization.encode(task, "ProcessPool cannot send ");
        } else {
            TaskCheck.requireSendable(task, workerClasspath);
        }
    }

    <I, O> Sendable<I, O> prepare(Task<I, O> task) {
        if (task instanceof Sendable<I, O> already) {
            return already;
        }
        if (TaskSerialization.travelsSerialized(task)) {
            TaskCheck.requireOnClasspath(task.getClass(), workerClasspath);
            return new Sendable<>(task, TaskSerialization.encode(task, "ProcessPool cannot send "), outputReader(task));
        }
        ObjectReader outputs = outputReader(task);
        String difference = TaskState.difference(task);
        if (difference != null) {
            throw new IllegalArgumentException("ProcessPool cannot run this " + task.getClass().getName() + ": "
                    + difference + "; pass the value as part of the input instead, or make the task Serializable"
                    + " (implement dev.jpool.task.SerializableTask) so that its state travels with it");
        }
        return new Sendable<>(task, task.getClass().getName(), outputs);
    }

    /** How to read the task's outputs, once it is known to be sendable (by name, unless it travels serialized). */
    private ObjectReader outputReader(Task<?, ?> task) {
        // the executor view's calls share one task class: their outputs are the callable's
        Class<?> key = task instanceof CallTask<?> call ? call.callable().getClass() : task.getClass();
        ObjectReader known = outputReaders.get(key);
        if (known != null) {
            return known;
        }
        if (!TaskSerialization.travelsSerialized(task)) {
            TaskCheck.requireSendable(task, workerClasspath);
        }
        ObjectReader outputs = mapper.readerFor(
                mapper.getTypeFactory().constructCollectionType(List.class,
                        task instanceof CallTask<?> call ? TaskTypes.result(call.callable()) : TaskTypes.output(task)));
        outputReaders.putIfAbsent(key, outputs);
        return outputs;
    }
}
