package dev.jpool.worker;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.type.TypeFactory;
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

/**
 * Loads task classes by name, converts inputs and outputs, and turns any throw into a failure.
 * A task of plain inputs and outputs (whole numbers, strings, booleans) runs without Jackson
 * databind: its mapper is built only for a value that needs it (see {@link Protocol#mapper()}).
 */
final class TaskRunner {
    private final Protocol protocol;
    private final Map<String, LoadedTask> tasks = new HashMap<>();
    /** The input reader of the last task run: the next batch most likely wants the same. */
    private volatile ObjectReader lastInputs;
    private long tasksRun;
    /** The serialized task run last, as sent, and its instance: the next batch most likely brings the same. */
    private String lastSerializedName;
    private LoadedTask lastSerialized;

    TaskRunner(Protocol protocol) {
        this.protocol = protocol;
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
            List<Object> inputs = task.read(request.inputs(), index);
            lastInputs = task.expectedReader();
            long start = System.nanoTime();
            List<Object> outputs = task.applyEach(inputs, index);
            long computeNanos = System.nanoTime() - start;
            index[0] = -1;
            RawJson json = Outputs.json(protocol, outputs, index);
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
     * them as it decodes the line (see {@link RawJson#read}); null before the first batch, and
     * while a task of plain inputs has needed no mapper.
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
            loaded = new LoadedTask(task, protocol);
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

    /**
     * A task instance and how its inputs are read, made once per class: a list of plain values
     * without the mapper, anything else (or a plain list that has a value for Jackson) by readers
     * made on first use.
     */
    private static final class LoadedTask {
        private final Task<?, ?> task;
        private final Protocol protocol;
        /** The element class of a plain list of inputs, else null. */
        private final Class<?> plainElement;
        /** The input type, resolved by Jackson when first needed (at once for a task of other inputs). */
        private JavaType inputType;
        private ObjectReader listReader;

        LoadedTask(Task<?, ?> task, Protocol protocol) {
            this.task = task;
            this.protocol = protocol;
            Class<?> input = TaskTypes.inputClass(task);
            this.plainElement = input != null && Protocol.isPlainElement(input) ? input : null;
            if (plainElement == null) {
                inputType = TaskTypes.input(task);
            }
        }

        private JavaType inputType() {
            if (inputType == null) {
                inputType = TaskTypes.input(task);
            }
            return inputType;
        }

        private ObjectReader listReader() {
            if (listReader == null) {
                listReader = protocol.mapper().readerFor(
                        TypeFactory.defaultInstance().constructCollectionType(List.class, inputType()));
            }
            return listReader;
        }

        /** The reader to decode the next batch with: none while plain inputs have needed no mapper. */
        ObjectReader expectedReader() {
            return plainElement != null && !protocol.hasMapper() ? null : listReader();
        }

        /** All inputs in one pass; if that fails, input by input, so {@code index[0]} names the bad one. */
        List<Object> read(RawJson json, int[] index) throws IOException {
            if (plainElement != null && listReader == null) {
                List<Object> plain = protocol.plainList(json, plainElement);
                if (plain != null) {
                    return plain;
                }
            }
            ObjectReader listReader = listReader();
            try {
                return json.read(listReader);
            } catch (IOException | RuntimeException bulk) {
                ObjectReader inputReader = protocol.mapper().readerFor(inputType());
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
