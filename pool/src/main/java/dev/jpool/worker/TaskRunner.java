package dev.jpool.worker;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import dev.jpool.protocol.LineReader;
import dev.jpool.protocol.Message;
import dev.jpool.protocol.Protocol;
import dev.jpool.protocol.RawJson;
import dev.jpool.protocol.RunTask;
import dev.jpool.protocol.SerializedTask;
import dev.jpool.protocol.TaskFailure;
import dev.jpool.protocol.TaskResult;
import dev.jpool.protocol.ThrowableText;
import dev.jpool.task.Task;
import dev.jpool.task.TaskTypes;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Loads task classes by name, converts inputs and outputs, and turns any throw into a failure. */
final class TaskRunner {
    private final ObjectMapper mapper;
    private final ObjectWriter writer;
    private final Map<String, LoadedTask> tasks = new HashMap<>();
    /** The input reader of the last task run: the next batch most likely wants the same. */
    private volatile ObjectReader lastInputs;
    private long tasksRun;
    /** The serialized task run last, as sent, and its instance: the next batch most likely brings the same. */
    private String lastSerializedName;
    private LoadedTask lastSerialized;

    TaskRunner(ObjectMapper mapper) {
        this.mapper = mapper;
        this.writer = mapper.writer();
    }

    /**
     * Runs one batch on the calling thread, input by input; never throws. Inputs and outputs are
     * converted as whole lists, one pass each, which is what keeps many tiny tasks cheap.
     */
    synchronized Message run(RunTask request, long receivedNanos) {
        tasksRun++;
        int[] index = {-1};
        try {
            LoadedTask task = load(request.task());
            lastInputs = task.listReader();
            List<Object> inputs = task.read(request.inputs(), index);
            long start = System.nanoTime();
            List<Object> outputs = task.applyEach(inputs, index);
            long computeNanos = System.nanoTime() - start;
            index[0] = -1;
            RawJson json = Outputs.json(writer, outputs, index);
            outputs = null; // the JSON is what goes out; a big answer is not held twice while it is sent
            if (json.bytes() > Protocol.MAX_ANSWER_BYTES) {
                return new TaskFailure(Protocol.VERSION, request.id(), -1, LineReader.LineTooLongException.class.getName(),
                        "the outputs are " + json.bytes() + " bytes of JSON, more than a line to the launcher may hold: "
                                + Protocol.lineLimitAdvice(), "");
            }
            return new TaskResult(Protocol.VERSION, request.id(), json, receivedNanos, computeNanos, System.nanoTime());
        } catch (Throwable t) {
            // Described by ThrowableText, which cannot throw: a task's exception may, when asked its message.
            Throwable cause = t instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : t;
            return new TaskFailure(Protocol.VERSION, request.id(), index[0], ThrowableText.className(cause),
                    ThrowableText.message(cause), ThrowableText.stackTrace(cause));
        }
    }

    /**
     * How the next batch's inputs will most likely be read, for the reader of the channel to read
     * them as it decodes the line (see {@link RawJson#read}); null before the first batch.
     */
    ObjectReader expectedInputs() {
        return lastInputs;
    }

    synchronized long tasksRun() {
        return tasksRun;
    }

    private LoadedTask load(String className) throws ReflectiveOperationException, IOException {
        LoadedTask loaded = SerializedTask.is(className) ? lastSerialized(className) : tasks.get(className);
        if (loaded == null) {
            Task<?, ?> task;
            if (SerializedTask.is(className)) {
                Object object = SerializedTask.decode(className, Thread.currentThread().getContextClassLoader());
                if (!(object instanceof Task<?, ?> serialized)) {
                    throw new ClassCastException(object.getClass().getName() + " does not implement " + Task.class.getName());
                }
                task = serialized;
            } else {
                Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
                if (!Task.class.isAssignableFrom(type)) {
                    throw new ClassCastException(className + " does not implement " + Task.class.getName());
                }
                task = (Task<?, ?>) type.getConstructor().newInstance();
            }
            JavaType inputType = TaskTypes.input(task);
            loaded = new LoadedTask(task, mapper.readerFor(inputType),
                    mapper.readerFor(mapper.getTypeFactory().constructCollectionType(List.class, inputType)));
            if (SerializedTask.is(className)) {
                lastSerializedName = className; // one kept: a task object per call would otherwise pile up
                lastSerialized = loaded;
            } else {
                tasks.put(className, loaded);
            }
        }
        return loaded;
    }

    private LoadedTask lastSerialized(String task) {
        return task.equals(lastSerializedName) ? lastSerialized : null;
    }

    /** A task instance and readers for its input type, made once per class. */
    private record LoadedTask(Task<?, ?> task, ObjectReader inputReader, ObjectReader listReader) {
        /** All inputs in one pass; if that fails, input by input, so {@code index[0]} names the bad one. */
        List<Object> read(RawJson json, int[] index) throws IOException {
            try {
                return json.read(listReader);
            } catch (IOException | RuntimeException bulk) {
                JsonNode array = listReader.readTree(json.json());
                if (!array.isArray()) {
                    throw new IllegalArgumentException("the task's inputs are not a JSON array: " + Protocol.cut(json.json()));
                }
                List<Object> inputs = new ArrayList<>(array.size());
                for (index[0] = 0; index[0] < array.size(); index[0]++) {
                    inputs.add(inputReader.readValue(array.get(index[0])));
                }
                index[0] = -1;
                return inputs;
            }
        }

        /**
         * The task applied to each input in turn, {@code index[0]} at the one being run. A method
         * of its own: the loop is what the JIT compiles while a big batch runs, so it is kept small.
         */
        List<Object> applyEach(List<Object> inputs, int[] index) throws Exception {
            Task<Object, Object> typed = typed();
            List<Object> outputs = new ArrayList<>(inputs.size());
            for (index[0] = 0; index[0] < inputs.size(); index[0]++) {
                outputs.add(typed.apply(inputs.get(index[0])));
            }
            return outputs;
        }

        @SuppressWarnings("unchecked")
        Task<Object, Object> typed() {
            return (Task<Object, Object>) task;
        }
    }
}
