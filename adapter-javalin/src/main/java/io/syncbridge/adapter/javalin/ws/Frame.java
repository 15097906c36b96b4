package io.syncbridge.adapter.javalin.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * One encoded server message: the text written to the socket and its size in UTF-8 bytes, which
 * is what send queues are budgeted in. A broadcast's frame is encoded once and the same instance
 * is queued to every recipient.
 */
record Frame(MessageType type, String text, long bytes) {

    Frame {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
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
        String text = WireJson.write(frame);
        return new Frame(type, text, MessageHandler.utf8Length(text));
    }
}
