package io.syncbridge.adapter.javalin.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.handoff.HandoffToken;
import io.syncbridge.domain.state.JsonNull;
import io.syncbridge.domain.state.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one client frame on its connection's worker: the per-connection rate limit, the size
 * limit, the envelope rules, the authentication gate, then the message itself. Every problem is
 * answered (Error or AuthFailure) and the connection stays open.
 */
final class MessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MessageHandler.class);

    private final GatewayCore core;
    private final Authenticator authenticator;
    private final StateMessages state;
    private final ServerTime time;
    private final int maxMessageBytes;
    private final Counter errors;
    private final Map<MessageType, Timer> timers = new EnumMap<>(MessageType.class);

    MessageHandler(GatewayCore core, Authenticator authenticator, StateMessages state, ServerTime time,
                   int maxMessageBytes, MeterRegistry registry, Counter errors) {
        this.core = Objects.requireNonNull(core, "core");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.state = Objects.requireNonNull(state, "state");
        this.time = Objects.requireNonNull(time, "time");
        this.maxMessageBytes = maxMessageBytes;
        this.errors = Objects.requireNonNull(errors, "errors");
        for (MessageType type : MessageType.values()) {
            if (type.fromClient) {
                timers.put(type, Timer.builder("websocket_message_duration_seconds")
                        .description("Time to handle a WebSocket message, by type")
                        .tag("type", type.name().toLowerCase(Locale.ROOT))
                        .register(registry));
            }
        }
    }

    void text(Connection connection, String text, Instant receivedAt) {
        long retryAfter = connection.rate.acquire(receivedAt);
        boolean tooLarge = utf8Length(text) > maxMessageBytes;
        JsonValue root = null;
        InvalidMessage malformed = null;
        if (!tooLarge) {
            try {
                root = WireJson.read(text);
            } catch (InvalidMessage e) {
                malformed = e;
            }
        }
        Optional<JsonNode> correlationId = Envelope.correlationOf(root);
        if (retryAfter > 0) {
            ObjectNode details = WireJson.object().put("retry_after_seconds", retryAfter);
            Replies.error(connection, correlationId, 429, "RATE_LIMITED",
                    "Too many messages; retry in " + retryAfter + " s", details);
            return;
        }
        if (tooLarge) {
            ObjectNode details = WireJson.object().put("max_bytes", maxMessageBytes);
            Replies.error(connection, correlationId, 413, "MESSAGE_TOO_LARGE",
                    "A message may be at most " + maxMessageBytes + " bytes", details);
            return;
        }
        if (malformed != null) {
            Replies.invalid(connection, correlationId, malformed.getMessage());
            return;
        }
        Envelope message;
        try {
            message = Envelope.of(root);
        } catch (InvalidMessage e) {
            Replies.invalid(connection, correlationId, e.getMessage());
            return;
        }
        Binding binding = connection.binding();
        if (binding == null && message.type() != MessageType.HEARTBEAT && message.type() != MessageType.AUTH) {
            Replies.error(connection, correlationId, 403, "NOT_AUTHENTICATED", "Not authenticated", null);
            return;
        }
        Timer.Sample sample = Timer.start();
        try {
            dispatch(connection, message, binding);
        } catch (InvalidMessage e) {
            Replies.invalid(connection, correlationId, e.getMessage());
        } catch (SyncError e) {
            Replies.error(connection, correlationId, e);
            if (e instanceof SyncError.SessionNotFound && binding != null) {
                // The session this connection is bound to is gone (the store lost it): say so once and
                // close, rather than answer 404 to every change; the device reconnects and resumes.
                connection.deliver(new Broadcast.SessionEnded("lost"));
            }
        } catch (RuntimeException e) {
            errors.increment();
            LOG.error("Connection {}: message type {} failed", connection.id, message.type().code, e);
            Replies.error(connection, correlationId, 500, "INTERNAL_ERROR", "Internal error", null);
        } finally {
            sample.stop(timers.get(message.type()));
        }
    }

    void binary(Connection connection, Instant receivedAt) {
        long retryAfter = connection.rate.acquire(receivedAt);
        if (retryAfter > 0) {
            ObjectNode details = WireJson.object().put("retry_after_seconds", retryAfter);
            Replies.error(connection, Optional.empty(), 429, "RATE_LIMITED",
                    "Too many messages; retry in " + retryAfter + " s", details);
            return;
        }
        Replies.invalid(connection, Optional.empty(), "Binary frames are not supported: send JSON in text frames");
    }

    private void dispatch(Connection connection, Envelope message, Binding binding) throws InvalidMessage {
        switch (message.type()) {
            case HEARTBEAT -> heartbeat(connection, message, binding);
            case AUTH -> authenticator.authenticate(connection, message.correlationId(),
                    AuthRequest.from(message.payload()));
            case SNAPSHOT_REQUEST -> state.snapshot(connection, message, binding);
            case STATE_UPDATE -> state.v1Update(connection, message, binding);
            case CHANGE -> state.change(connection, message, binding);
            case RESUME -> state.resume(connection, message, binding);
            case CHANGE_BATCH -> state.batch(connection, message, binding);
            case HANDOFF_REQUEST -> handoffRequest(message, binding);
            case HANDOFF_TOKEN -> handoffToken(connection, message, binding);
            default -> throw new InvalidMessage("Message type " + message.type().code + " is sent by the server only");
        }
    }

    /** HeartbeatAck with the client's time echoed exactly as sent (the same JSON number). */
    private void heartbeat(Connection connection, Envelope message, Binding binding) {
        ObjectNode ack = WireJson.object();
        ack.put("server_time", time.seconds());
        ack.set("client_time", WireJson.value(message.payload().get("client_time").orElse(JsonNull.INSTANCE)));
        connection.send(MessageType.HEARTBEAT_ACK, message.correlationId(), ack);
        if (binding != null) {
            try {
                core.devices().heartbeat(binding.session(), binding.device(), connection.id);
            } catch (SyncError e) {
                LOG.debug("Connection {}: presence heartbeat failed: {}", connection.id, e.getMessage());
            }
        }
    }

    /** Starts a handoff; everyone learns of it from HandoffStart (20) and HandoffComplete (21). */
    private void handoffRequest(Envelope message, Binding binding) throws InvalidMessage {
        DeviceId target = new DeviceId(Payloads.requiredText(message.payload(), "target_device_id"));
        core.handoffs().handOff(binding.caller(), binding.session(), target);
    }

    private void handoffToken(Connection connection, Envelope message, Binding binding) throws InvalidMessage {
        OptionalLong ttlSeconds = Payloads.integer(message.payload(), "ttl_seconds");
        Duration ttl = ttlSeconds.isPresent() ? Duration.ofSeconds(ttlSeconds.getAsLong()) : HandoffToken.DEFAULT_TTL;
        HandoffToken token = core.handoffs().issueToken(binding.caller(), binding.session(), binding.device(),
                HandoffToken.checkedTtl(ttl));
        ObjectNode reply = WireJson.object();
        reply.put("handoff_token", token.token());
        reply.set("expires_at", WireJson.instant(token.expiresAt()));
        connection.send(MessageType.HANDOFF_TOKEN, message.correlationId(), reply);
    }

    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
