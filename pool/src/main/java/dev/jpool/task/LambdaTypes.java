package dev.jpool.task;

import java.io.Serializable;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * What a serializable lambda says of itself: the types its functional method was instantiated
 * with ({@code x -> x * x} cast to {@code SerializableTask<Long, Long>} takes and returns a
 * {@code Long}), which its class, unlike a named class's, does not declare.
 */
public final class LambdaTypes {
    private LambdaTypes() {
    }

    /** The lambda's own description, if {@code object} is a serializable lambda this code may look into. */
    public static Optional<SerializedLambda> of(Object object) {
        if (!(object instanceof Serializable) || !(object.getClass().isSynthetic() || object.getClass().isHidden())) {
            return Optional.empty();
        }
        try {
            Method writeReplace = object.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return writeReplace.invoke(object) instanceof SerializedLambda lambda ? Optional.of(lambda) : Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The parameter and return types of the lambda's functional method as instantiated, e.g.
     * {@code (Long)Long}; empty if not a serializable lambda, or its types cannot be loaded.
     */
    public static Optional<MethodType> instantiated(Object object) {
        return of(object).flatMap(lambda -> {
            try {
                return Optional.of(MethodType.fromMethodDescriptorString(lambda.getInstantiatedMethodType(),
                        object.getClass().getClassLoader()));
            } catch (RuntimeException e) { // TypeNotPresentException among them
                return Optional.empty();
            }
        });
    }
}
