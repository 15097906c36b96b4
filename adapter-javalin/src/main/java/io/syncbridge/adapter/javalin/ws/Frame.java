package io.syncbridge.adapter.javalin.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * One encoded server message: the UTF-8 bytes written to the socket, which is also what send queues
 * are budgeted in. A broadcast's frame is encoded once and the same bytes go to every recipient.
 */
final class Frame {

    private final MessageType type;
    private final byte[] utf8;

    private Frame(MessageType type, byte[] utf8) {
        this.type = Objects.requireNonNull(type, "type");
        this.utf8 = Objects.requireNonNull(utf8, "utf8");
    }

    /** The envelope {type, timestamp, session_id?, user_id?, correlation_id?, payload}, encoded. */
    static Frame of(MessageType type, long timestampSeconds, SessionId session, UserId user,
                    Optional<JsonNode> correlationId, ObjectNode payload) {
        ObjectNode frame = WireJson.object();
        frame.put("type", type.code);
        frame.put("timestamp", timestampSeconds);
        if (session != null) {
            frame.put("session_id", session.clientId());
            frame.put("user_id", user.value());
        }
        correlationId.ifPresent(c -> frame.set("correlation_id", c));
        frame.set("payload", payload);
        return new Frame(type, WireJson.writeBytes(frame));
    }

    MessageType type() {
        return type;
    }

    long bytes() {
        return utf8.length;
    }

    /** A buffer of its own over the shared bytes: each recipient's write moves only its own position. */
    ByteBuffer payload() {
        return ByteBuffer.wrap(utf8);
    }

    @Override
    public String toString() {
        return "Frame[" + type + ", " + utf8.length + " bytes]";
    }
}
