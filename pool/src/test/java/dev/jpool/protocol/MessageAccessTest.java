package dev.jpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class MessageAccessTest {
    @Test
    void theFileIsWhatTheRecordsSay() throws Exception {
        String file = Files.readString(MessageAccessSource.FILE, StandardCharsets.UTF_8);
        assertEquals(MessageAccessSource.source(), file, MessageAccessSource.FILE + " differs from what the message "
                + "records say: write it again with MessageAccessSource (see its Javadoc)");
    }

    @Test
    void itReadsAndMakesEveryMessageAsReflectionDoes() throws Exception {
        for (Class<?> type : Message.class.getPermittedSubclasses()) {
            Class<? extends Record> record = type.asSubclass(Record.class);
            RecordAccess plain = MessageAccess.of(record);
            assertNotNull(plain, type.getName());
            RecordComponent[] components = record.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = sample(types[i], i);
            }
            Constructor<? extends Record> constructor = record.getDeclaredConstructor(types);
            Record message = constructor.newInstance(values);
            assertEquals(record.getField("TYPE").get(null), plain.type(), type.getName());
            for (int i = 0; i < components.length; i++) {
                assertEquals(components[i].getAccessor().invoke(message), plain.get(message, i),
                        type.getSimpleName() + "." + components[i].getName());
            }
            int past = components.length;
            assertThrows(IndexOutOfBoundsException.class, () -> plain.get(message, past));
            assertEquals(message, plain.make(values), type.getName());
        }
        assertNull(MessageAccess.of(String.class));
    }

    /** A value of the type that differs from every other component's. */
    private static Object sample(Class<?> type, int index) {
        if (type == int.class || type == Integer.class) {
            return 10 + index;
        } else if (type == long.class || type == Long.class) {
            return 1_000_000_000_000L + index;
        } else if (type == boolean.class || type == Boolean.class) {
            return index % 2 == 0;
        } else if (type == String.class) {
            return "s" + index;
        } else if (type == RawJson.class) {
            return new RawJson("[" + index + "]");
        }
        throw new AssertionError("no sample of " + type);
    }
}
