package dev.jpool.task;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.util.concurrent.Callable;

/**
 * The input and output types a task declares as {@code Task<I, O>}: the one rule by which the
 * pools read inputs and outputs as JSON, the worker JVM reads a task's inputs, and {@code jpool
 * map} reads its input lines. A class gives them as its type arguments (through any superclass or
 * interface); a serializable lambda, whose class declares none, gives those it was made for; a
 * type nobody gives is {@code Object} (JSON read as maps, lists, strings and numbers).
 */
public final class TaskTypes {
    private static final TypeFactory TYPES = TypeFactory.defaultInstance();

    private TaskTypes() {
    }

    /** {@code I} of the task's {@code Task<I, O>}. */
    public static JavaType input(Task<?, ?> task) {
        return parameter(task, 0);
    }

    /** {@code O} of the task's {@code Task<I, O>}. */
    public static JavaType output(Task<?, ?> task) {
        return parameter(task, 1);
    }

    /** {@code V} of the callable's {@code Callable<V>}, by the same rule. */
    public static JavaType result(Callable<?> callable) {
        JavaType[] declared = TYPES.findTypeParameters(callable.getClass(), Callable.class);
        if (declared.length > 0 && declared[0].getRawClass() != Object.class) {
            return declared[0];
        }
        return LambdaTypes.instantiated(callable).map(method -> TYPES.constructType(method.returnType()))
                .orElse(TYPES.constructType(Object.class));
    }

    private static JavaType parameter(Task<?, ?> task, int index) {
        JavaType[] parameters = TYPES.findTypeParameters(task.getClass(), Task.class);
        JavaType declared = parameters.length > index ? parameters[index] : TYPES.constructType(Object.class);
        if (declared.getRawClass() != Object.class) {
            return declared;
        }
        // A serializable lambda's class declares no types, but it knows those it was made for.
        return LambdaTypes.instantiated(task).filter(method -> method.parameterCount() == 1)
                .map(method -> TYPES.constructType(index == 0 ? method.parameterType(0) : method.returnType()))
                .orElse(declared);
    }
}
