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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Loads task classes by name, converts inputs and outputs, and turns any throw into a failure. */
final class TaskRunner {
    private final ObjectMapper mapper;
    private final Map<String, LoadedTask> tasks = new HashMap<>();
    private long tasksRun;

    TaskRunner(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Runs one batch on the calling thread, input by input; never throws. */
    synchronized Message run(RunTask request, long receivedNanos) {
        tasksRun++;
        int index = -1;
        try {
            LoadedTask task = load(request.task());
            List<JsonNode> outputs = new ArrayList<>(request.inputs().size());
            long computeNanos = 0;
            for (index = 0; index < request.inputs().size(); index++) {
                Object input = mapper.convertValue(request.inputs().get(index), task.inputType());
                long start = System.nanoTime();
                Object output = task.typed().apply(input);
                computeNanos += System.nanoTime() - start;
                outputs.add(mapper.valueToTree(output));
            }
            return new TaskResult(Protocol.VERSION, request.id(), outputs, receivedNanos, computeNanos, System.nanoTime());
        } catch (Throwable t) {
            Throwable cause = t instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : t;
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            return new TaskFailure(Protocol.VERSION, request.id(), index, cause.getClass().getName(),
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
