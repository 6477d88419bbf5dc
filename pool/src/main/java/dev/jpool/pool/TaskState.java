package dev.jpool.pool;

import dev.jpool.task.Task;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses a task whose state differs from a fresh instance's. A worker JVM gets only the task's
 * class name and makes its own instance with the no-argument constructor, so a field the caller
 * set ({@code new Threshold(10)}) would silently be back at its default there, while a
 * {@link ThreadPool} uses the caller's instance. Refused up front instead, naming the field.
 *
 * <p>A field is compared with the one of a fresh instance, {@link Objects#deepEquals} (arrays by
 * content); a field that differs between two fresh instances (a {@code new Random()}, a lock
 * object) is one the worker makes for itself, and is not compared; static and transient fields
 * are not state either. The fresh instances are made once per class, in this JVM.
 */
final class TaskState {
    /** Per task class: a fresh instance and the fields worth comparing with it (none: nothing to check). */
    private record Fresh(Object instance, List<Field> fields) {
    }

    private static final Map<Class<?>, Fresh> FRESH = new ConcurrentHashMap<>();

    private TaskState() {
    }

    /**
     * The first field of {@code task} that differs from a fresh instance's, described, or null
     * when a worker's fresh instance means the same.
     */
    static String difference(Task<?, ?> task) {
        Fresh fresh = FRESH.computeIfAbsent(task.getClass(), TaskState::fresh);
        for (Field field : fresh.fields) {
            Object mine = get(field, task);
            Object theirs = get(field, fresh.instance);
            if (!Objects.deepEquals(mine, theirs)) {
                return "its field '" + field.getName() + "' is " + show(mine) + " here but " + show(theirs)
                        + " in the fresh instance a worker JVM makes (it gets the class name, not the object)";
            }
        }
        return null;
    }

    private static Fresh fresh(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()) {
                    fields.add(field);
                }
            }
        }
        if (fields.isEmpty()) {
            return new Fresh(null, List.of()); // the usual task: no state at all
        }
        try {
            Object one = type.getConstructor().newInstance();
            Object two = type.getConstructor().newInstance();
            List<Field> compared = new ArrayList<>();
            for (Field field : fields) {
                field.setAccessible(true);
                if (Objects.deepEquals(field.get(one), field.get(two))) {
                    compared.add(field);
                }
            }
            return new Fresh(one, List.copyOf(compared));
        } catch (ReflectiveOperationException | InaccessibleObjectException | SecurityException e) {
            return new Fresh(null, List.of()); // cannot look: TaskCheck has said what it can
        }
    }

    private static Object get(Field field, Object instance) {
        try {
            return field.get(instance);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String show(Object value) {
        if (value instanceof Object[] array) {
            return Arrays.deepToString(array);
        }
        if (value != null && value.getClass().isArray()) {
            return Arrays.deepToString(new Object[] {value}).replaceAll("^\\[|]$", "");
        }
        return value instanceof String text ? '"' + text + '"' : String.valueOf(value);
    }
}
