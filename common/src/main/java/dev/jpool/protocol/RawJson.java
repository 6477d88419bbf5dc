package dev.jpool.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Objects;

/**
 * A JSON value carried through a message as text: written into the line as is, and read back by
 * copying its tokens, never built into a tree. Task inputs and outputs travel this way, so a
 * chunk of many small values costs one streaming pass on each side instead of a node per value.
 *
 * @param json the value's JSON text
 */
@JsonSerialize(using = RawJson.Writer.class)
@JsonDeserialize(using = RawJson.Reader.class)
public record RawJson(String json) {
    public RawJson {
        Objects.requireNonNull(json, "json");
    }

    @Override
    public String toString() {
        return json;
    }

    static final class Writer extends StdSerializer<RawJson> {
        private static final long serialVersionUID = 1L;

        Writer() {
            super(RawJson.class);
        }

        @Override
        public void serialize(RawJson value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeRawValue(value.json());
        }
    }

    static final class Reader extends StdDeserializer<RawJson> {
        private static final long serialVersionUID = 1L;

        Reader() {
            super(RawJson.class);
        }

        @Override
        public RawJson deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            StringWriter text = new StringWriter();
            try (JsonGenerator copy = parser.getCodec().getFactory().createGenerator(text)) {
                copy.copyCurrentStructure(parser);
            }
            return new RawJson(text.toString());
        }

        @Override
        public RawJson getNullValue(DeserializationContext context) {
            return new RawJson("null");
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }
}
