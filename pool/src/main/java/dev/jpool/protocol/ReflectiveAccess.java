package dev.jpool.protocol;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;

/**
 * A record's access by core reflection: for records that are not the protocol's own messages (a
 * test's, say), which {@link MessageAccess} does not know. Correct anywhere, but its first calls of
 * each accessor and constructor cost milliseconds of method-handle set-up on JDK 18 and newer.
 */
final class ReflectiveAccess implements RecordAccess {
    private final String type;
    private final Method[] accessors;
    private final Constructor<? extends Record> constructor;

    private ReflectiveAccess(String type, Method[] accessors, Constructor<? extends Record> constructor) {
        this.type = type;
        this.accessors = accessors;
        this.constructor = constructor;
    }

    /**
     * The access of {@code record}.
     *
     * @throws IllegalArgumentException when it has no {@code static final String TYPE}, or its
     *                                  accessors and canonical constructor cannot be called
     */
    static ReflectiveAccess of(Class<? extends Record> record) {
        RecordComponent[] components = record.getRecordComponents();
        Method[] accessors = new Method[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true); // a public method, of a record that may not be public
                types[i] = components[i].getType();
            }
            Constructor<? extends Record> constructor = record.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return new ReflectiveAccess(typeName(record), accessors, constructor);
        } catch (ReflectiveOperationException | InaccessibleObjectException | SecurityException e) {
            throw new IllegalArgumentException(record.getName() + ": its accessors and canonical constructor must be"
                    + " accessible to the protocol", e);
        }
    }

    private static String typeName(Class<? extends Record> record) {
        try {
            Field field = record.getDeclaredField("TYPE");
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class
                    && field.get(null) instanceof String name && !name.isEmpty()) {
                return name;
            }
        } catch (ReflectiveOperationException e) {
            // said below
        }
        throw new IllegalArgumentException(record.getName() + ": a message names its line's type in a static final"
                + " String TYPE");
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Object get(Record message, int index) {
        try {
            return accessors[index].invoke(message);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the accessor " + accessors[index].getName() + "() threw", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("the accessor " + accessors[index].getName() + "() cannot be called", e);
        }
    }

    @Override
    public Record make(Object[] values) {
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException refused) {
                throw refused;
            }
            throw (Error) e.getCause(); // a canonical constructor declares no checked exception
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(constructor.getDeclaringClass().getName() + "'s constructor cannot be called",
                    e);
        }
    }
}
