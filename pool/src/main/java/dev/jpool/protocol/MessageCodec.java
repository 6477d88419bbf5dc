package dev.jpool.protocol;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * How one message record travels, read once from the record itself: its {@code TYPE} constant,
 * and its components in their order, each a name, a {@link FieldKind} and its accessor, then its
 * canonical constructor. A line is one object: {@code "type"} with that name, then every component
 * as {@code "name":value} in the record's order, {@code v} first. So a component added to a record
 * travels with no other edit, and the writer and the reader cannot disagree on a name.
 *
 * <p>Accessors and constructor are called by core reflection rather than method handles: a
 * worker's first line (its hello) is written a few milliseconds after its JVM starts, and method
 * handles made there delayed a cold JVM's hello by 200 ms and more on the loaded 2-core machine
 * (spinning their forms), where reflection costs it a millisecond or two; once warm, reflection
 * costs a few nanoseconds a component (see {@code ProtocolBenchmark}). No lambda and no string
 * concatenation on this path either (their first use spins method handles too), and a writer looks
 * its codec up by class ({@link #of(Object)}), not through the list of every message, which the
 * JDK's {@link Class#getPermittedSubclasses()} makes with a lambda.
 */
final class MessageCodec {
    /** The codec of each message record, made at its first line. */
    private static final ClassValue<MessageCodec> CODECS = new ClassValue<>() {
        @Override
        protected MessageCodec computeValue(Class<?> type) {
            return of(type);
        }
    };

    /** One component: its name, its kind, {@code ,"name":} as written, and its accessor. */
    private record Component(String name, FieldKind kind, byte[] prefix, Method accessor) {
    }

    private final Class<? extends Record> record;
    private final String type;
    /** The opening brace and the {@code "type"} field, as written. */
    private final byte[] head;
    private final Component[] components;
    private final Constructor<? extends Record> constructor;

    private MessageCodec(Class<? extends Record> record, String type, byte[] head, Component[] components,
                         Constructor<? extends Record> constructor) {
        this.record = record;
        this.type = type;
        this.head = head;
        this.components = components;
        this.constructor = constructor;
    }

    /**
     * The codec of a message record: one with a {@code static final String TYPE} and an
     * {@code int v} for its first component, every component of a type {@link FieldKind} knows.
     *
     * @throws IllegalArgumentException naming what the record lacks
     */
    static MessageCodec of(Class<?> messageClass) {
        if (!messageClass.isRecord()) {
            throw new IllegalArgumentException("not a protocol message: " + messageClass.getName() + " is not a record");
        }
        Class<? extends Record> record = messageClass.asSubclass(Record.class);
        RecordComponent[] declared = record.getRecordComponents();
        if (declared == null || declared.length == 0 || !declared[0].getName().equals("v")
                || declared[0].getType() != int.class) {
            throw new IllegalArgumentException(record.getName() + ": a message's first component is its version, int v");
        }
        String type = typeName(record);
        Component[] components = new Component[declared.length];
        Class<?>[] types = new Class<?>[declared.length];
        try {
            for (int i = 0; i < declared.length; i++) {
                RecordComponent component = declared[i];
                FieldKind kind = FieldKind.of(component.getType());
                if (kind == null) {
                    throw new IllegalArgumentException(record.getName() + "." + component.getName() + ": a "
                            + component.getType().getName() + " has no wire form (see FieldKind)");
                }
                String name = plainName(record, component.getName());
                byte[] prefix = new byte[name.length() + 4]; // ,"name":
                prefix[0] = ',';
                prefix[1] = '"';
                name.getBytes(0, name.length(), prefix, 2); // ASCII
                prefix[prefix.length - 2] = '"';
                prefix[prefix.length - 1] = ':';
                Method accessor = component.getAccessor();
                accessor.setAccessible(true); // a public method, of a record that may not be public
                components[i] = new Component(name, kind, prefix, accessor);
                types[i] = component.getType();
            }
            Constructor<? extends Record> constructor = record.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            Utf8Line head = new Utf8Line(32);
            head.append('{').name("type").string(type);
            return new MessageCodec(record, type, head.toByteArray(), components, constructor);
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

    /** The name, if JSON needs no escape for it (a Java name of ASCII letters, digits, _ and $). */
    private static String plainName(Class<?> record, String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 0x80 || !(Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
                throw new IllegalArgumentException(record.getName() + "." + name + ": a component's name must be ASCII");
            }
        }
        return name;
    }

    /** The codec of a message's record, made once per record. */
    static MessageCodec of(Object message) {
        return CODECS.get(message.getClass());
    }

    /** The line's {@code type}. */
    String type() {
        return type;
    }

    /** The names of the components that are payloads ({@link RawJson}). */
    List<String> payloadNames() {
        List<String> names = new ArrayList<>();
        for (Component component : components) {
            if (component.kind() == FieldKind.PAYLOAD) {
                names.add(component.name());
            }
        }
        return names;
    }

    /** Writes the message, one of this codec's record, as one JSON object. */
    void write(Object message, Utf8Line out) {
        out.append(head, 0, head.length);
        for (Component component : components) {
            Object value = get(component, message);
            if (value == null && component.kind() == FieldKind.PAYLOAD) {
                throw new IllegalArgumentException("a '" + type + "' message without its '" + component.name() + "'");
            }
            out.append(component.prefix(), 0, component.prefix().length);
            component.kind().write(out, value);
        }
        out.append('}');
    }

    /** The UTF-8 bytes of the message's payloads, all together. */
    int payloadBytes(Object message) {
        int bytes = 0;
        for (Component component : components) {
            if (component.kind() == FieldKind.PAYLOAD && get(component, message) instanceof RawJson payload) {
                bytes += payload.bytes();
            }
        }
        return bytes;
    }

    /**
     * The message the fields hold, its version and type already checked by the caller.
     *
     * @throws ProtocolException naming the first component, in the record's order, that is missing or
     *                           not of its type, or what the record's constructor refused
     */
    Record read(Fields fields) throws ProtocolException {
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = components[i].kind().read(fields, components[i].name());
        }
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException refused) {
                throw fields.malformed(Protocol.cut(String.valueOf(refused.getMessage())));
            }
            throw new IllegalStateException(record.getName() + "'s constructor failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(record.getName() + "'s constructor cannot be called", e);
        }
    }

    private static Object get(Component component, Object message) {
        try {
            return component.accessor().invoke(message);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the accessor " + component.name() + "() threw", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("the accessor " + component.name() + "() cannot be called", e);
        }
    }
}
