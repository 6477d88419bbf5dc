package dev.jpool.pool;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.jpool.task.LambdaTypes;
import dev.jpool.task.Task;

/** The input and output types a task class declares for {@code Task<I, O>} (a serializable lambda: was made for); Object where hidden. */
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
        if (task instanceof CallTask<?> call && index == 1) { // the executor view's: the callable's result type
            JavaType[] declared = types.findTypeParameters(call.callable().getClass(), java.util.concurrent.Callable.class);
            if (declared.length > 0 && declared[0].getRawClass() != Object.class) {
                return declared[0];
            }
            return LambdaTypes.instantiated(call.callable()).map(method -> types.constructType(method.returnType()))
                    .orElse(types.constructType(Object.class));
        }
        JavaType[] parameters = types.findTypeParameters(task.getClass(), Task.class);
        JavaType declared = parameters.length > index ? parameters[index] : types.constructType(Object.class);
        if (declared.getRawClass() != Object.class) {
            return declared;
        }
        // A serializable lambda's class declares no types, but it knows those it was made for.
        return LambdaTypes.instantiated(task).filter(method -> method.parameterCount() == 1)
                .map(method -> types.constructType(index == 0 ? method.parameterType(0) : method.returnType()))
                .orElse(declared);
    }
}
