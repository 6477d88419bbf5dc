package dev.jpool.worker;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jpool.protocol.Message;
import dev.jpool.protocol.Protocol;
import dev.jpool.protocol.RunTask;
import dev.jpool.protocol.TaskFailure;
import dev.jpool.protocol.TaskResult;
import dev.jpool.task.Task;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.Map;

/** Loads task classes by name, converts inputs and outputs, and turns any throw into a failure. */
final class TaskRunner {
    private final ObjectMapper mapper;
    private final Map<String, LoadedTask> tasks = new HashMap<>();
    private long tasksRun;

    TaskRunner(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Runs one task on the calling thread; never throws. */
    synchronized Message run(RunTask request, long receivedNanos) {
        tasksRun++;
        try {
            LoadedTask task = load(request.task());
            Object input = mapper.convertValue(request.input(), task.inputType());
            long start = System.nanoTime();
            Object output = task.typed().apply(input);
            long computeNanos = System.nanoTime() - start;
            JsonNode json = mapper.valueToTree(output);
            return new TaskResult(Protocol.VERSION, request.id(), json, receivedNanos, computeNanos, System.nanoTime());
        } catch (Throwable t) {
            Throwable cause = t instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : t;
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            return new TaskFailure(Protocol.VERSION, request.id(), cause.getClass().getName(),
                    cause.getMessage(), trace.toString());
        }
    }

    synchronized long tasksRun() {
        return tasksRun;
    }

    private LoadedTask load(String className) throws ReflectiveOperationException {
        LoadedTask loaded = tasks.get(className);
        if (loaded == null) {
            Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            if (!Task.class.isAssignableFrom(type)) {
                throw new ClassCastException(className + " does not implement " + Task.class.getName());
            }
            Task<?, ?> task = (Task<?, ?>) type.getConstructor().newInstance();
            JavaType[] parameters = mapper.getTypeFactory().findTypeParameters(type, Task.class);
            JavaType inputType = parameters.length > 0 ? parameters[0] : mapper.constructType(Object.class);
            loaded = new LoadedTask(task, inputType);
            tasks.put(className, loaded);
        }
        return loaded;
    }

    private record LoadedTask(Task<?, ?> task, JavaType inputType) {
        @SuppressWarnings("unchecked")
        Task<Object, Object> typed() {
            return (Task<Object, Object>) task;
        }
    }
}
