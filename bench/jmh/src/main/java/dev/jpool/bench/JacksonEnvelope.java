package dev.jpool.bench;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.jpool.protocol.Bye;
import dev.jpool.protocol.Hello;
import dev.jpool.protocol.Message;
import dev.jpool.protocol.Progress;
import dev.jpool.protocol.ProtocolPaths;
import dev.jpool.protocol.RawJson;
import dev.jpool.protocol.RunTask;
import dev.jpool.protocol.Shutdown;
import dev.jpool.protocol.TaskFailure;
import dev.jpool.protocol.TaskResult;
import java.io.IOException;

/**
 * The protocol's messages written and read by Jackson databind alone, the records as they are
 * (the {@code type} from each record's {@code TYPE}, a payload copied in raw and sliced out of the
 * line, as the protocol does): what a line would cost without the protocol's own codec. For
 * {@link ProtocolBenchmark} only; its errors are Jackson's, not the protocol's.
 */
final class JacksonEnvelope {
    private static final String LINE = "line";

    /** Adds the {@code type} property to every message. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    private interface WithType {
    }

    private final ObjectWriter writer;
    private final ObjectReader reader;

    JacksonEnvelope() {
        SimpleModule payloads = new SimpleModule()
                .addSerializer(RawJson.class, new StdSerializer<>(RawJson.class) {
                    @Override
                    public void serialize(RawJson value, JsonGenerator out, SerializerProvider provider) throws IOException {
                        out.writeRawValue(value.json());
                    }
                })
                .addDeserializer(RawJson.class, new StdDeserializer<>(RawJson.class) {
                    @Override
                    public RawJson deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                        byte[] line = (byte[]) context.getAttribute(LINE);
                        long start = parser.currentTokenLocation().getByteOffset();
                        parser.skipChildren();
                        parser.finishToken();
                        return ProtocolPaths.slice(line, (int) start, (int) parser.currentLocation().getByteOffset());
                    }
                });
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addMixIn(Message.class, WithType.class)
                .addModule(payloads)
                .build();
        mapper.registerSubtypes(new NamedType(Hello.class, Hello.TYPE), new NamedType(RunTask.class, RunTask.TYPE),
                new NamedType(Progress.class, Progress.TYPE),
                new NamedType(TaskResult.class, TaskResult.TYPE), new NamedType(TaskFailure.class, TaskFailure.TYPE),
                new NamedType(Shutdown.class, Shutdown.TYPE), new NamedType(Bye.class, Bye.TYPE));
        this.writer = mapper.writerFor(Message.class);
        this.reader = mapper.readerFor(Message.class);
    }

    byte[] encode(Message message) throws IOException {
        return writer.writeValueAsBytes(message);
    }

    Message decode(byte[] line) throws IOException {
        return reader.withAttribute(LINE, line).readValue(line);
    }
}
