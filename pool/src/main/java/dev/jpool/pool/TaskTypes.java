package dev.jpool.pool;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.jpool.task.Task;

/** The input and output types a task class declares for {@code Task<I, O>}; Object where hidden. */
final class TaskTypes {
    private TaskTypes() {
    }

    static JavaType input(Task<?, ?> task) {
        return parameter(task, 0);
    }

    static JavaType output(Task<?, ?> task) {
        return parameter(task, 1);
    }

    private static JavaType parameter(Task<?, ?> task, int index) {
        TypeFactory types = TypeFactory.defaultInstance();
        JavaType[] parameters = types.findTypeParameters(task.getClass(), Task.class);
        return parameters.length > index ? parameters[index] : types.constructType(Object.class);
    }
}
