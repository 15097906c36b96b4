package io.syncbridge.adapter.javalin.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.syncbridge.adapter.javalin.rest.ApiException;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.snapshot.SnapshotId;
import io.syncbridge.port.in.ChangeResult;
import io.syncbridge.port.in.OperatorActionsUseCase;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's actions ({@code POST /console/api/actions/...}): remove a device, end a session,
 * restore a snapshot, each in the name of the operator whose credential the request carries. Only
 * the console page can send them: it adds {@link #CONFIRM_HEADER} after its confirm step, which a
 * form or a cross-site script cannot set without a CORS preflight, and the origin, when the browser
 * names one, must be this server. Each action done is written to the operator audit by the core and
 * to this log.
 */
final class ConsoleActions {

    /** The header the page sends with a confirmed action. */
    static final String CONFIRM_HEADER = "X-Console-Confirmed";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleActions.class);

    private final OperatorActionsUseCase actions;
    private final ObjectMapper mapper;

    ConsoleActions(OperatorActionsUseCase actions, ObjectMapper mapper) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    void removeDevice(Context ctx, String operator) {
        JsonNode body = body(ctx);
        SessionId session = new SessionId(text(body, "sessionId"));
        DeviceId device = new DeviceId(text(body, "deviceId"));
        actions.removeDevice(operator, session, device);
        LOG.info("console: operator {} removed device {} from session {}", operator, device, session);
        done(ctx, Map.of("action", "remove-device", "sessionId", session.value(), "deviceId", device.value()));
    }

    void endSession(Context ctx, String operator) {
        JsonNode body = body(ctx);
        SessionId session = new SessionId(text(body, "sessionId"));
        actions.endSession(operator, session);
        LOG.info("console: operator {} ended session {}", operator, session);
        done(ctx, Map.of("action", "end-session", "sessionId", session.value()));
    }

    void restoreSnapshot(Context ctx, String operator) {
        JsonNode body = body(ctx);
        SessionId session = new SessionId(text(body, "sessionId"));
        SnapshotId snapshot = new SnapshotId(text(body, "snapshotId"));
        ChangeResult result = actions.restoreSnapshot(operator, session, snapshot);
        long version = switch (result) {
            case ChangeResult.Accepted accepted -> accepted.version();
            case ChangeResult.Duplicate duplicate -> duplicate.version();
            case ChangeResult.Rejected rejected -> throw rejected.error(); // the core throws these; kept for the compiler
        };
        LOG.info("console: operator {} restored snapshot {} of session {} as v{}", operator, snapshot, session, version);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("action", "restore-snapshot");
        answer.put("sessionId", session.value());
        answer.put("snapshotId", snapshot.value());
        answer.put("version", version);
        done(ctx, answer);
    }

    /**
     * Refuses (403) a request that did not come from the console page: no confirmation header, or a
     * browser that says it comes from another site or origin.
     */
    static void requireFromThePage(Context ctx) {
        if (!"yes".equals(ctx.header(CONFIRM_HEADER))) {
            throw new ApiException(403, "CONSOLE_ACTION_UNCONFIRMED",
                    "Console actions are sent by the console page after its confirm step (header " + CONFIRM_HEADER + ": yes)");
        }
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin")) {
            throw new ApiException(403, "CONSOLE_ACTION_CROSS_SITE", "Console actions come from the console page only");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameHost(origin, ctx.header("Host"))) {
            throw new ApiException(403, "CONSOLE_ACTION_CROSS_SITE", "Console actions come from the console page only");
        }
    }

    /** Whether the origin names the host (and port) the request was sent to; the scheme may differ behind a TLS proxy. */
    private static boolean sameHost(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
    }

    private JsonNode body(Context ctx) {
        JsonNode body;
        try {
            body = mapper.readTree(ctx.bodyAsBytes());
        } catch (IOException notJson) {
            throw ApiException.invalidRequest("the body must be a JSON object");
        }
        if (body == null || !body.isObject()) {
            throw ApiException.invalidRequest("the body must be a JSON object");
        }
        return body;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw ApiException.invalidRequest(field + " is required (a non-empty string)");
        }
        return value.asText();
    }

    private static void done(Context ctx, Map<String, Object> answer) {
        ctx.header("Cache-Control", "no-store").json(answer);
    }
}
