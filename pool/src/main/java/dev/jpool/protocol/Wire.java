package dev.jpool.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The message types a channel reads, each with its {@link MessageCodec}, by line type; and the
 * names of their payload fields, which a line's parse slices out instead of reading.
 * {@link #MESSAGES} is every {@link Message}: the records its sealed interface permits, as
 * {@link MessageAccess#MESSAGES} lists them, written from the interface with the rest of that
 * file: {@link Class#getPermittedSubclasses()} filters them with a stream and a lambda, the first
 * of a worker's JVM, whose bootstrap costs its start milliseconds.
 */
final class Wire {
    /** The protocol's messages. */
    static final Wire MESSAGES = of(MessageAccess.MESSAGES);

    private final Map<String, MessageCodec> byType = new HashMap<>();
    private final Set<String> payloads;

    private Wire(List<MessageCodec> codecs) {
        Set<String> names = new LinkedHashSet<>();
        for (MessageCodec codec : codecs) {
            if (byType.put(codec.type(), codec) != null) {
                throw new IllegalArgumentException("two messages of type '" + codec.type() + "'");
            }
            names.addAll(codec.payloadNames());
        }
        this.payloads = Set.copyOf(names);
    }

    /** The wire of these message records (see {@link MessageCodec#of} for what each must be). */
    static Wire of(List<Class<?>> records) {
        List<MessageCodec> codecs = new ArrayList<>();
        for (Class<?> type : records) {
            codecs.add(MessageCodec.of(type));
        }
        return new Wire(codecs);
    }

    /** The codec of a line's type, or null for a type this wire does not carry. */
    MessageCodec forType(String type) {
        return byType.get(type);
    }

    /** The names of the payload fields of every type. */
    Set<String> payloads() {
        return payloads;
    }
}
