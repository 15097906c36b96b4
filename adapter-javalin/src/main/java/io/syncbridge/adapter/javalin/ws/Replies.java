package io.syncbridge.adapter.javalin.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.ErrorStatus;
import io.syncbridge.domain.error.SyncError;
import java.util.Optional;

/**
 * The Error (6) and AuthFailure (9) answers, with the codes and reasons of the wire contract. An
 * Error's {@code details} is a string for v1 clients (the specifics as compact JSON text, {@code ""}
 * when there are none); a connection that asked for protocol 2 gets them as an object.
 */
final class Replies {

    static final String INVALID_MESSAGE = "INVALID_MESSAGE";

    private Replies() {
    }

    static void error(Connection connection, Optional<JsonNode> correlationId, int code, String reason,
                      String message, ObjectNode details) {
        ObjectNode payload = WireJson.object();
        payload.put("code", code);
        payload.put("reason", reason);
        payload.put("message", message);
        ObjectNode specifics = details == null ? WireJson.object() : details;
        Binding binding = connection.binding();
        if (binding != null && binding.v2()) {
            payload.set("details", specifics);
        } else {
            payload.put("details", v1Details(specifics));
        }
        connection.send(MessageType.ERROR, correlationId, payload);
    }

    /** The v1 {@code details} string: "" when there is nothing more to say, else the specifics as JSON text. */
    static String v1Details(ObjectNode specifics) {
        return specifics.isEmpty() ? "" : WireJson.write(specifics);
    }

    static void invalid(Connection connection, Optional<JsonNode> correlationId, String message) {
        error(connection, correlationId, 400, INVALID_MESSAGE, message, null);
    }

    /** A domain error as an Error message: status and reason from {@link ErrorStatus}, specifics in details. */
    static void error(Connection connection, Optional<JsonNode> correlationId, SyncError error) {
        error(connection, correlationId, ErrorStatus.httpStatus(error), ErrorStatus.code(error), error.getMessage(),
                details(error));
    }

    static ObjectNode details(SyncError error) {
        ObjectNode details = WireJson.object();
        switch (error) {
            case SyncError.VersionConflict conflict -> {
                details.put("base_version", conflict.baseVersion());
                details.put("current_version", conflict.currentVersion());
                details.set("conflicts", WireJson.conflicts(conflict.conflicts()));
            }
            case SyncError.DeviceLimitReached limit -> details.set("devices", devicesOf(limit));
            case SyncError.RateLimited limited -> details.put("retry_after_seconds", limited.retryAfterSeconds());
            case SyncError.InvalidPath path -> details.put("path", path.path());
            case SyncError.QuotaExceeded quota -> {
                details.put("quota", quota.quota().wireName());
                details.put("limit", quota.limit());
                details.put("used", quota.used());
            }
            default -> {
            }
        }
        return details;
    }

    static JsonNode devicesOf(SyncError.DeviceLimitReached limit) {
        var list = WireJson.array();
        limit.devices().forEach(d -> list.add(WireJson.device(d, d.online(), false)));
        return list;
    }

    static void authFailure(Connection connection, Optional<JsonNode> correlationId, int code, String reason,
                            String message) {
        connection.send(MessageType.AUTH_FAILURE, correlationId, authFailurePayload(code, reason, message));
    }

    static ObjectNode authFailurePayload(int code, String reason, String message) {
        ObjectNode payload = WireJson.object();
        payload.put("code", code);
        payload.put("reason", reason);
        payload.put("message", message);
        return payload;
    }
}
