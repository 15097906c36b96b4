package io.syncbridge.adapter.javalin.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.POJONode;
import io.syncbridge.domain.state.JsonValue;
import java.io.IOException;
import java.util.Objects;

/**
 * Puts a domain {@link JsonValue} where Jackson expects a node (a response view, a message being
 * built): the node holds the value itself and writes it with {@link JsonStream} when serialised,
 * so a state document is never copied into a Jackson tree.
 */
public final class JsonValues {

    private JsonValues() {
    }

    public static JsonNode toNode(JsonValue value) {
        return new POJONode(new Streamed(Objects.requireNonNull(value, "value")));
    }

    /** The serialisable holder of a value; equal when the values are equal. */
    private record Streamed(JsonValue value) implements JsonSerializable {

        @Override
        public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
            JsonStream.write(value, generator);
        }

        @Override
        public void serializeWithType(JsonGenerator generator, SerializerProvider provider, TypeSerializer types)
                throws IOException {
            serialize(generator, provider);
        }
    }
}
