package dev.jpool.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.jpool.protocol.Protocol;
import dev.jpool.protocol.OutputNotSendableException;
import dev.jpool.protocol.RawJson;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A batch's outputs as one JSON array, refusing an output that cannot travel: a lambda, an
 * anonymous or local class (JSON of one reads back as a map of its getters, or not at all), or a
 * value Jackson cannot write. The refused output's position goes into {@code index[0]}, so the
 * failure names the input it came from.
 */
final class Outputs {
    /** Why outputs of a class cannot travel, by class: "" when they can. Checked once per class. */
    private static final Map<Class<?>, String> VERDICTS = new ConcurrentHashMap<>();

    private Outputs() {
    }

    /** The outputs as JSON: plain values without the protocol's mapper (see {@link Protocol#json}), others with it. */
    static RawJson json(Protocol protocol, List<Object> outputs, int[] index) throws JsonProcessingException {
        Class<?> last = null;
        for (int i = 0; i < outputs.size(); i++) {
            Object output = outputs.get(i);
            if (output == null || output.getClass() == last) {
                continue;
            }
            last = output.getClass();
            String why = VERDICTS.get(last);
            if (why == null) { // not computeIfAbsent(last, Outputs::verdict): no lambda before a worker's first answer
                why = verdict(last);
                VERDICTS.put(last, why);
            }
            if (!why.isEmpty()) {
                index[0] = i;
                throw new OutputNotSendableException("the output (" + describe(last) + ") cannot travel back to the caller"
                        + " as JSON: " + why, null);
            }
        }
        try {
            return protocol.json(outputs);
        } catch (JsonProcessingException bulk) {
            ObjectWriter writer = protocol.mapper().writer();
            for (int i = 0; i < outputs.size(); i++) {
                try {
                    writer.writeValueAsBytes(outputs.get(i));
                } catch (JsonProcessingException e) {
                    index[0] = i;
                    throw new OutputNotSendableException("the output (" + describe(outputs.get(i).getClass())
                            + ") cannot be written as JSON: " + e.getOriginalMessage(), e);
                }
            }
            throw bulk;
        }
    }

    private static String verdict(Class<?> type) {
        if (type.isSynthetic() || type.isHidden()) {
            return "a lambda has no class the caller's JVM can load; return a value (a record, a number, a list)";
        }
        if (type.isAnonymousClass() || type.isLocalClass()) {
            return "an anonymous or local class has no name the caller's JVM can load; return a value (a record,"
                    + " a number, a list)";
        }
        return "";
    }

    /** "a com.example.Foo", or for a lambda "a lambda implementing java.util.function.IntSupplier". */
    private static String describe(Class<?> type) {
        if (type.isSynthetic() || type.isHidden() || type.isAnonymousClass()) {
            Class<?>[] interfaces = type.getInterfaces();
            String what = type.isAnonymousClass() ? "an anonymous class" : "a lambda";
            return what + (interfaces.length > 0 ? " implementing " + String.join(", ", Arrays.stream(interfaces)
                    .map(Class::getName).toList()) : " extending " + type.getSuperclass().getName()) + ", " + type.getName();
        }
        return "a " + type.getName();
    }
}
