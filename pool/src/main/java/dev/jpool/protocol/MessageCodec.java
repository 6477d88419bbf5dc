package dev.jpool.protocol;

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
 * <p>Accessors and constructor are called as plain methods ({@link MessageAccess}, made from the
 * records and checked against them by a test), not by core reflection: on JDK 18 and newer
 * reflection calls through method handles (JEP 416), and a fresh JVM spun them for each new
 * constructor shape (some 20 ms for a record's first {@code newInstance} on JDK 25), which a
 * worker paid before its hello and again at its first task line; method handles of its own cost a
 * cold JVM's hello as much on JDK 17. A record the protocol does not know (a test's) is read by
 * reflection ({@link ReflectiveAccess}). No lambda and no string concatenation on this path
 * either (their first use spins method handles too), and a writer looks its codec up by class
 * ({@link #of(Object)}), not through the list of every message, which the JDK's
 * {@link Class#getPermittedSubclasses()} makes with a lambda.
 */
final class MessageCodec {
    /** The codec of each message record, made at its first line. */
    private static final ClassValue<MessageCodec> CODECS = new ClassValue<>() {
        @Override
        protected MessageCodec computeValue(Class<?> type) {
            return of(type);
        }
    };

    /** One component: its name, its kind, and {@code ,"name":} as written. */
    private record Component(String name, FieldKind kind, byte[] prefix) {
    }

    private final String type;
    /** The opening brace and the {@code "type"} field, as written. */
    private final byte[] head;
    private final Component[] components;
    private final RecordAccess access;

    private MessageCodec(String type, byte[] head, Component[] components, RecordAccess access) {
        this.type = type;
        this.head = head;
        this.components = components;
        this.access = access;
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
        Component[] components = new Component[declared.length];
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
            components[i] = new Component(name, kind, prefix);
        }
        RecordAccess plain = MessageAccess.of(record);
        RecordAccess access = plain != null ? plain : ReflectiveAccess.of(record);
        String type = access.type();
        Utf8Line head = new Utf8Line(32);
        head.append('{').name("type").string(type);
        return new MessageCodec(type, head.toByteArray(), components, access);
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
        Record fields = (Record) message;
        for (int i = 0; i < components.length; i++) {
            Component component = components[i];
            Object value = access.get(fields, i);
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
        for (int i = 0; i < components.length; i++) {
            if (components[i].kind() == FieldKind.PAYLOAD && access.get((Record) message, i) instanceof RawJson payload) {
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
            return access.make(values);
        } catch (RuntimeException refused) {
            throw fields.malformed(Protocol.cut(String.valueOf(refused.getMessage())));
        }
    }
}
