package dev.jpool.task;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.concurrent.Callable;

/**
 * The input and output types a task declares as {@code Task<I, O>}: the one rule by which the
 * pools read inputs and outputs as JSON, the worker JVM reads a task's inputs, and {@code jpool
 * map} reads its input lines. A class gives them as its type arguments (through any superclass or
 * interface); a serializable lambda, whose class declares none, gives those it was made for; a
 * type nobody gives is {@code Object} (JSON read as maps, lists, strings and numbers).
 */
public final class TaskTypes {
    /** Jackson's types, set up when first needed: {@link #inputClass} does without them. */
    private static final class Types {
        static final TypeFactory TYPES = TypeFactory.defaultInstance();
    }

    private TaskTypes() {
    }

    /** {@code I} of the task's {@code Task<I, O>}. */
    public static JavaType input(Task<?, ?> task) {
        return parameter(task, 0);
    }

    /**
     * {@code I} of the task's {@code Task<I, O>} as a class, where it is told without Jackson's type
     * resolution: a class that implements {@code Task<I, O>} itself with {@code I} a class, or a
     * serializable lambda; null otherwise (then {@link #input} tells it). Where not null, it is the
     * raw class of what {@link #input} gives. A worker asks this first: resolving types by Jackson
     * loads and sets up its type factory, milliseconds of a fresh JVM's first answer.
     */
    public static Class<?> inputClass(Task<?, ?> task) {
        Class<?> type = task.getClass();
        if (type.isSynthetic() || type.isHidden()) {
            return LambdaTypes.instantiated(task).filter(method -> method.parameterCount() == 1)
                    .map(method -> (Class<?>) method.parameterType(0)).orElse(null);
        }
        for (Type implemented : type.getGenericInterfaces()) {
            if (implemented instanceof ParameterizedType parameterized && parameterized.getRawType() == Task.class
                    && parameterized.getActualTypeArguments()[0] instanceof Class<?> input && input != Object.class) {
                return input;
            }
        }
        return null;
    }

    /** {@code O} of the task's {@code Task<I, O>}. */
    public static JavaType output(Task<?, ?> task) {
        return parameter(task, 1);
    }

    /** {@code V} of the callable's {@code Callable<V>}, by the same rule. */
    public static JavaType result(Callable<?> callable) {
        JavaType[] declared = Types.TYPES.findTypeParameters(callable.getClass(), Callable.class);
        if (declared.length > 0 && declared[0].getRawClass() != Object.class) {
            return declared[0];
        }
        return LambdaTypes.instantiated(callable).map(method -> Types.TYPES.constructType(method.returnType()))
                .orElse(Types.TYPES.constructType(Object.class));
    }

    private static JavaType parameter(Task<?, ?> task, int index) {
        JavaType[] parameters = Types.TYPES.findTypeParameters(task.getClass(), Task.class);
        JavaType declared = parameters.length > index ? parameters[index] : Types.TYPES.constructType(Object.class);
        if (declared.getRawClass() != Object.class) {
            return declared;
        }
        // A serializable lambda's class declares no types, but it knows those it was made for.
        return LambdaTypes.instantiated(task).filter(method -> method.parameterCount() == 1)
                .map(method -> Types.TYPES.constructType(index == 0 ? method.parameterType(0) : method.returnType()))
                .orElse(declared);
    }
}
