package dev.jpool.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.Base64;

/**
 * A task object in a {@link RunTask}'s {@code task} field, Java-serialized: {@value #PREFIX}
 * and the serialized bytes in Base64 (a class name never contains a colon). The worker reads such
 * bytes only from its own stdin, written by the JVM that started it, and reads them through
 * the filter of {@link #FILTER_PATTERN}, which bounds what one task may make it allocate.
 */
public final class SerializedTask {
    /** What starts a {@code task} field that holds a serialized object rather than a class name. */
    public static final String PREFIX = "java-serialized:";
    /**
     * The bounds a worker reads a task object within: nesting depth, object references, bytes
     * (a protocol line's limit) and array length. A task over them fails with
     * {@link InvalidClassException} ("filter status: REJECTED").
     */
    public static final String FILTER_PATTERN = "maxdepth=64;maxrefs=100000;maxbytes=" + Protocol.MAX_LINE_BYTES
            + ";maxarray=1000000";

    /**
     * The filter of {@link #FILTER_PATTERN}, made when a serialized task is first read: making it
     * sets up the JDK's serial filter configuration (its security properties, a system logger
     * looked up through the class path's jars), tens of milliseconds of a worker's first answer
     * that a worker sent only task class names never needs.
     */
    private static final class Filter {
        static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(FILTER_PATTERN);
    }

    private SerializedTask() {
    }

    /** Whether a {@code task} field holds a serialized object. */
    public static boolean is(String task) {
        return task.startsWith(PREFIX);
    }

    /**
     * The object as a {@code task} field.
     *
     * @throws NotSerializableException naming the class of the first value that is not serializable
     */
    public static String encode(Object task) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(task);
        }
        return PREFIX + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** The object a {@code task} field holds, read within {@link #FILTER_PATTERN}, its classes from {@code loader}. */
    public static Object decode(String task, ClassLoader loader) throws IOException, ClassNotFoundException {
        byte[] bytes = Base64.getDecoder().decode(task.substring(PREFIX.length()));
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass type) throws IOException, ClassNotFoundException {
                try {
                    return Class.forName(type.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    return super.resolveClass(type);
                }
            }
        }) {
            in.setObjectInputFilter(Filter.FILTER);
            return in.readObject();
        }
    }
}
