package dev.jpool.worker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.jpool.protocol.Hello;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The hello line written with jackson-core's streaming generator alone, so that a worker can say
 * hello before it builds the protocol's databind {@code ObjectMapper} (some tens of milliseconds of
 * class initialisation in a fresh JVM). The line is the one {@code Protocol.encode} writes for the
 * same {@link Hello}, field for field and in the same order (a test holds the two together).
 */
final class HelloLine {
    private HelloLine() {
    }

    /** One line of JSON, without the trailing newline. */
    static String encode(Hello hello) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = new JsonFactory().createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("type", "hello");
            json.writeNumberField("v", hello.v());
            json.writeNumberField("pid", hello.pid());
            json.writeStringField("javaVersion", hello.javaVersion());
            json.writeNumberField("jvmStartMillis", hello.jvmStartMillis());
            json.writeNumberField("nanoTime", hello.nanoTime());
            json.writeStringField("host", hello.host());
            json.writeStringField("node", hello.node());
            json.writeStringField("slurmStep", hello.slurmStep());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + hello, e); // a StringWriter does not fail
        }
        return line.toString();
    }
}
