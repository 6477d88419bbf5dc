package dev.jpool.pool;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jpool.task.Task;
import dev.jpool.task.TaskTypes;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns starmap's argument lists into the task's input records, by position. */
final class StarArguments {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private StarArguments() {
    }

    @SuppressWarnings("unchecked")
    static <I extends Record> List<I> toRecords(Task<I, ?> task, List<? extends List<?>> argumentLists) {
        Class<?> type = TaskTypes.input(task).getRawClass();
        if (!type.isRecord()) {
            throw new IllegalArgumentException("starmap needs the input type of " + task.getClass().getName()
                    + " to be a record with one component per argument; it is " + type.getName()
                    + (task.getClass().isSynthetic() || task.getClass().isHidden() ? " (a lambda hides its types:"
                            + " write the task as a class implementing Task<YourRecord, Output>)" : ""));
        }
        RecordComponent[] components = type.getRecordComponents();
        Constructor<?> canonical;
        try {
            canonical = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
            canonical.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("cannot build " + type.getName() + " from arguments: " + e.getMessage(), e);
        }
        List<I> records = new ArrayList<>(argumentLists.size());
        for (int i = 0; i < argumentLists.size(); i++) {
            List<?> arguments = argumentLists.get(i);
            if (arguments == null || arguments.size() != components.length) {
                throw new IllegalArgumentException("starmap argument list #" + i + " " + arguments + " has "
                        + (arguments == null ? 0 : arguments.size()) + " values; " + type.getSimpleName() + " takes "
                        + components.length + " " + Arrays.toString(components));
            }
            Object[] values = new Object[components.length];
            for (int c = 0; c < components.length; c++) {
                JavaType componentType = MAPPER.constructType(components[c].getGenericType());
                try {
                    values[c] = MAPPER.convertValue(arguments.get(c), componentType);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("starmap argument list #" + i + ": " + arguments.get(c)
                            + " does not fit " + components[c], e);
                }
            }
            try {
                records.add((I) canonical.newInstance(values));
            } catch (ReflectiveOperationException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new IllegalArgumentException("starmap argument list #" + i + " " + arguments + ": "
                        + cause.getMessage(), cause);
            }
        }
        return records;
    }
}
