package io.syncbridge.port.out.codec;

import io.syncbridge.domain.state.JsonCodec;
import io.syncbridge.domain.state.JsonValue;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Writes one JSON object's text member by member, in order, straight into a buffer: the stored
 * forms are written without building a tree of them first (a commit writes a head, a change and
 * an event; a tree of each cost more than the text). Strings and values are written by the
 * domain's own writer, so the text is what {@link JsonCodec#write} gives for the same members.
 */
final class JsonObjectWriter {

    private final StringBuilder out;
    private boolean empty = true;

    private JsonObjectWriter(StringBuilder out) {
        this.out = out;
        out.append('{');
    }

    /** The text of one object whose members {@code members} writes. */
    static String text(Consumer<JsonObjectWriter> members) {
        StringBuilder out = new StringBuilder(256);
        write(out, members);
        return out.toString();
    }

    static void write(StringBuilder out, Consumer<JsonObjectWriter> members) {
        JsonObjectWriter writer = new JsonObjectWriter(out);
        members.accept(writer);
        out.append('}');
    }

    JsonObjectWriter put(String name, String value) {
        JsonCodec.appendString(value, name(name));
        return this;
    }

    JsonObjectWriter put(String name, long value) {
        name(name).append(value);
        return this;
    }

    JsonObjectWriter put(String name, boolean value) {
        name(name).append(value);
        return this;
    }

    JsonObjectWriter put(String name, JsonValue value) {
        JsonCodec.append(value, name(name));
        return this;
    }

    /** An instant as {@link Instant#toString()} writes it, or {@code null}. */
    JsonObjectWriter put(String name, Instant value) {
        name(name);
        if (value == null) {
            out.append("null");
        } else {
            out.append('"');
            IsoInstants.append(value, out);
            out.append('"');
        }
        return this;
    }

    /** The value's {@code toString()} as a string (an instant as {@link #put(String, Instant)}), or {@code null}. */
    JsonObjectWriter putOptional(String name, Optional<?> value) {
        if (value.isEmpty()) {
            name(name).append("null");
        } else if (value.get() instanceof Instant instant) {
            put(name, instant);
        } else {
            put(name, value.get().toString());
        }
        return this;
    }

    /** A member whose value is JSON text already written (by this class or the domain's writer). */
    JsonObjectWriter putText(String name, String json) {
        name(name).append(json);
        return this;
    }

    JsonObjectWriter object(String name, Consumer<JsonObjectWriter> members) {
        write(name(name), members);
        return this;
    }

    /** An array of objects, one per item, each written by {@code item}. */
    <T> JsonObjectWriter objects(String name, Collection<T> items, BiConsumer<T, JsonObjectWriter> item) {
        return array(name, items, each -> write(out, writer -> item.accept(each, writer)));
    }

    JsonObjectWriter strings(String name, Collection<String> values) {
        return array(name, values, value -> JsonCodec.appendString(value, out));
    }

    private <T> JsonObjectWriter array(String name, Collection<T> items, Consumer<T> element) {
        name(name).append('[');
        boolean first = true;
        for (T each : items) {
            if (!first) {
                out.append(',');
            }
            first = false;
            element.accept(each);
        }
        out.append(']');
        return this;
    }

    private StringBuilder name(String name) {
        if (!empty) {
            out.append(',');
        }
        empty = false;
        JsonCodec.appendString(name, out);
        return out.append(':');
    }
}
