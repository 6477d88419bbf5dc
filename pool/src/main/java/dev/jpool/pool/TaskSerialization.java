package dev.jpool.pool;

import dev.jpool.protocol.SerializedTask;
import dev.jpool.task.LambdaTypes;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.util.Optional;

/**
 * A serializable task (or callable) as it travels to a worker JVM, refused up front, naming the
 * culprit, when something it captures or holds cannot be serialized. Both pools check: a
 * {@link ThreadPool} refuses what a {@link ProcessPool} could not send, so a task means the same
 * on both.
 */
final class TaskSerialization {
    private TaskSerialization() {
    }

    /** The object as a task field of a run message; {@code refusal} starts the message of a refusal. */
    static String encode(Object task, String refusal) {
        try {
            return SerializedTask.encode(task);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(refusal + describe(task) + ": " + culprit(task, e.getMessage())
                    + ", which is not Serializable; capture only serializable values (or mark the field transient)", e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(refusal + describe(task) + ": serializing it failed: " + e, e);
        }
    }

    /** Whether a process pool sends this task serialized: a lambda, or an object whose state a fresh instance lacks. */
    static boolean travelsSerialized(Object task) {
        Class<?> type = task.getClass();
        return task instanceof Serializable && (type.isSynthetic() || type.isHidden() || type.isAnonymousClass()
                || type.isLocalClass() || (type.isMemberClass() && !java.lang.reflect.Modifier.isStatic(type.getModifiers()))
                || !hasPublicConstructor(type) || TaskState.difference((dev.jpool.task.Task<?, ?>) task) != null);
    }

    private static boolean hasPublicConstructor(Class<?> type) {
        try {
            return java.lang.reflect.Modifier.isPublic(type.getModifiers())
                    && java.lang.reflect.Modifier.isPublic(type.getConstructor().getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** "the lambda dev.example.Main$$Lambda$14/0x..." or "the dev.example.Threshold". */
    static String describe(Object task) {
        if (task instanceof CallTask<?> call) {
            return describe(call.callable());
        }
        Class<?> type = task.getClass();
        return (type.isSynthetic() || type.isHidden() ? "the lambda " : "this ") + type.getName();
    }

    private static String culprit(Object task, String notSerializable) {
        if (task instanceof CallTask<?> call) {
            return culprit(call.callable(), notSerializable);
        }
        Optional<SerializedLambda> lambda = LambdaTypes.of(task);
        if (lambda.isPresent()) {
            SerializedLambda described = lambda.get();
            for (int i = 0; i < described.getCapturedArgCount(); i++) {
                Object captured = described.getCapturedArg(i);
                if (captured != null && !(captured instanceof Serializable)) {
                    return "it captures a " + captured.getClass().getName() + " (captured value #" + i + ")";
                }
            }
            return "it captures a value that holds a " + notSerializable;
        }
        return "it holds a " + notSerializable;
    }
}
