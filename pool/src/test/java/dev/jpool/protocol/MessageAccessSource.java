package dev.jpool.protocol;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code MessageAccess.java}, the list of the message records and the plain calls of each
 * one's accessors and canonical constructor, from the records themselves (the permitted
 * subclasses of {@link Message}, in their order): a record is the one place a message's fields
 * are spelled, and this class, not a person, spells them again. {@link MessageAccessTest} fails
 * while the file differs from what this writes.
 *
 * <p>Run after changing a message record, from the repository's root: {@code mvn -q -B -pl pool
 * test-compile}, then {@code java -cp pool/target/test-classes:pool/target/classes
 * dev.jpool.protocol.MessageAccessSource pool/src/main/java/dev/jpool/protocol/MessageAccess.java}
 * (the record's old constructor call in the file no longer compiles: regenerate from a stub
 * {@code MessageAccess} whose {@code of} returns null, or fix that call by hand first).
 */
public final class MessageAccessSource {
    /** Where the file is, from the pool module's directory (Surefire's working directory). */
    static final Path FILE = Path.of("src/main/java/dev/jpool/protocol/MessageAccess.java");

    private MessageAccessSource() {
    }

    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : FILE;
        Files.writeString(file, source(), StandardCharsets.UTF_8);
        System.out.println("wrote " + file);
    }

    /** The text of {@code MessageAccess.java}. */
    static String source() {
        StringBuilder out = new StringBuilder();
        out.append("""
                package dev.jpool.protocol;

                import java.util.List;

                /**
                 * The protocol's message records ({@link Wire} reads them from here, not through
                 * {@code Class.getPermittedSubclasses}), and plain calls of each one's accessors and
                 * canonical constructor, for {@link MessageCodec}, which would otherwise call them by core
                 * reflection: on JDK 18 and newer reflection calls through method handles, spun on a
                 * record's first calls (see {@link MessageCodec}).
                 *
                 * <p>Written by {@code MessageAccessSource} (in the pool module's tests) from the records;
                 * not edited by hand. {@code MessageAccessTest} fails until it is written again after a
                 * message record changes.
                 */
                final class MessageAccess {
                """);
        Class<?>[] messages = Message.class.getPermittedSubclasses();
        out.append("    /** The protocol's message records, in the order their sealed interface permits them. */\n");
        StringBuilder list = new StringBuilder("    static final List<Class<?>> MESSAGES = List.of(");
        int lineStart = 0;
        for (int i = 0; i < messages.length; i++) {
            String item = messages[i].getSimpleName() + ".class";
            if (i > 0) {
                list.append(',');
                if (list.length() - lineStart + item.length() + 3 > 116) {
                    list.append("\n            ");
                    lineStart = list.length() - 12;
                } else {
                    list.append(' ');
                }
            }
            list.append(item);
        }
        out.append(list).append(");\n\n");
        out.append("""
                    private MessageAccess() {
                    }

                    /** The plain access of one of the protocol's message records, else null. */
                    static RecordAccess of(Class<?> record) {
                """);
        for (Class<?> message : messages) {
            String name = message.getSimpleName();
            out.append("        if (record == ").append(name).append(".class) {\n");
            out.append("            return new ").append(name).append("Access();\n");
            out.append("        }\n");
        }
        out.append("        return null;\n    }\n");
        for (Class<?> message : messages) {
            accessClass(out, message);
        }
        out.append("}\n");
        return out.toString();
    }

    private static void accessClass(StringBuilder out, Class<?> message) {
        String name = message.getSimpleName();
        RecordComponent[] components = message.getRecordComponents();
        out.append("\n    private static final class ").append(name).append("Access implements RecordAccess {\n");
        out.append("        @Override\n        public String type() {\n");
        out.append("            return ").append(name).append(".TYPE;\n        }\n\n");
        out.append("        @Override\n        public Object get(Record message, int index) {\n");
        out.append("            ").append(name).append(" m = (").append(name).append(") message;\n");
        out.append("            switch (index) {\n");
        for (int i = 0; i < components.length; i++) {
            out.append("                case ").append(i).append(":\n");
            out.append("                    return m.").append(components[i].getName()).append("();\n");
        }
        out.append("                default:\n");
        out.append("                    throw new IndexOutOfBoundsException(index);\n");
        out.append("            }\n        }\n\n");
        out.append("        @Override\n        public Record make(Object[] values) {\n");
        StringBuilder call = new StringBuilder("            return new ").append(name).append('(');
        int lineStart = 0;
        for (int i = 0; i < components.length; i++) {
            String argument = "(" + typeName(components[i].getType()) + ") values[" + i + "]";
            if (i > 0) {
                call.append(',');
                if (call.length() - lineStart + argument.length() + 3 > 116) {
                    call.append("\n                    ");
                    lineStart = call.length() - 20;
                } else {
                    call.append(' ');
                }
            }
            call.append(argument);
        }
        out.append(call).append(");\n        }\n    }\n");
    }

    /** The type as the generated file names it: in its package, or java.lang's, by its simple name. */
    private static String typeName(Class<?> type) {
        String pkg = type.getPackageName();
        return type.isPrimitive() || pkg.equals("java.lang") || pkg.equals(Message.class.getPackageName())
                ? type.getSimpleName() : type.getCanonicalName();
    }
}
