package io.syncbridge.adapter.javalin.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.DeviceGrants;
import io.syncbridge.adapter.javalin.ErrorStatus;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.handoff.Handoff;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.DevicesUseCase;
import io.syncbridge.port.out.AccessTokens;
import io.syncbridge.port.out.TokenClaims;
import io.syncbridge.port.out.TokenGrant;
import io.syncbridge.port.out.TokenRejected;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Auth (7) and the authentication at the upgrade: decides who the connection is and which session
 * and device it holds, attaches the device, joins the session's channel and answers AuthSuccess
 * (8) with a fresh token, or AuthFailure (9) for every token or admission problem.
 */
final class Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

    /** A refusal, answered as AuthFailure; {@code devices} only for DEVICE_LIMIT_REACHED. */
    static final class Refused extends Exception {
        final int code;
        final String reason;
        final JsonNode devices;

        Refused(int code, String reason, String message, JsonNode devices) {
            super(message, null, false, false);
            this.code = code;
            this.reason = reason;
            this.devices = devices;
        }

        Refused(int code, String reason, String message) {
            this(code, reason, message, null);
        }

        static Refused of(SyncError error) {
            if (error instanceof SyncError.DeviceLimitReached limit) {
                return new Refused(409, ErrorStatus.code(error), error.getMessage(), Replies.devicesOf(limit));
            }
            return new Refused(ErrorStatus.httpStatus(error), ErrorStatus.code(error), error.getMessage());
        }

        ObjectNode payload() {
            ObjectNode payload = Replies.authFailurePayload(code, reason, getMessage());
            if (devices != null) {
                payload.set("devices", devices);
            }
            return payload;
        }
    }

    /**
     * Who the connection will be, what its fresh tokens are to say (the presented token's grant,
     * incarnation and v1 {@code email} claim), and the handoff that brought it there (a claimed
     * handoff token).
     */
    private record Seat(Caller caller, SessionId session, DeviceId device, TokenGrant renewal,
                        Optional<Handoff> handoff) {
    }

    private final GatewayCore core;
    private final AccessTokens tokens;
    private final SessionChannels channels;
    private final StateMessages state;
    private final AuthAdmission admission;

    Authenticator(GatewayCore core, AccessTokens tokens, SessionChannels channels, StateMessages state,
                  AuthAdmission admission) {
        this.core = Objects.requireNonNull(core, "core");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.state = Objects.requireNonNull(state, "state");
        this.admission = Objects.requireNonNull(admission, "admission");
    }

    /**
     * Answers an Auth message (or the upgrade's credentials); true when the connection is now
     * authenticated. When no turn comes within the admission's bound, AuthFailure 429 and the
     * connection stays as it was.
     */
    boolean authenticate(Connection connection, Optional<JsonNode> correlationId, AuthRequest request) {
        if (!admission.enter()) {
            connection.send(MessageType.AUTH_FAILURE, correlationId, Replies.authFailurePayload(429, "RATE_LIMITED",
                    "The server is busy authenticating other devices; retry in a few seconds"));
            return false;
        }
        try {
            return authenticateInTurn(connection, correlationId, request);
        } finally {
            admission.leave();
        }
    }

    private boolean authenticateInTurn(Connection connection, Optional<JsonNode> correlationId, AuthRequest request) {
        Seat seat;
        try {
            seat = resolve(request);
        } catch (Refused refused) {
            release(connection);
            connection.send(MessageType.AUTH_FAILURE, correlationId, refused.payload());
            return false;
        }
        Binding previous = connection.binding();
        Binding next = new Binding(seat.caller(), seat.session(), seat.device(), request.protocol());
        boolean sameSeat = next.sameSeat(previous);
        if (!sameSeat) {
            release(connection);
        }
        DevicesUseCase.Connected connected;
        try {
            channels.join(connection, seat.session(), seat.caller());
            connected = core.devices().connect(seat.caller(), seat.session(), seat.device(), request.description(),
                    connection.id);
        } catch (SyncError error) {
            channels.leave(connection, seat.session());
            connection.bind(null);
            connection.send(MessageType.AUTH_FAILURE, correlationId, Refused.of(error).payload());
            return false;
        }
        if (!sameSeat) {
            connection.resetVersions();
        }
        connection.bind(next);
        Session session = connected.session();
        sendSuccess(connection, correlationId, next, seat.renewal(), connected);
        LOG.debug("Connection {} authenticated: user {} session {} device {} protocol {}", connection.id,
                next.user(), next.session(), next.device(), next.protocol());
        seat.handoff().filter(h -> next.v2()).ifPresent(h -> sendHandoffStart(connection, h, session));
        if (request.lastVersion().isPresent()) {
            state.catchUp(connection, correlationId, request.lastVersion().getAsLong());
        }
        return true;
    }

    /** Checks the credentials of {@code /v1/ws/sessions/{id}} (the client's id {@code sessionId}) before the upgrade. */
    void checkUpgrade(String token, String sessionId) throws TokenRejected {
        TokenClaims claims = tokens.verify(token);
        if (claims.session().isPresent() && !claims.session().get().clientId().equals(sessionId)) {
            throw new TokenRejected(TokenRejected.Code.INVALID_TOKEN, "The token is for another session");
        }
    }

    /** Leaves the current session, if any: off its channel, and the device's connection is gone. */
    void release(Connection connection) {
        Binding binding = connection.binding();
        if (binding == null) {
            return;
        }
        connection.bind(null);
        channels.leave(connection, binding.session());
        try {
            core.devices().disconnect(binding.session(), binding.device(), connection.id);
        } catch (SyncError e) {
            LOG.debug("Connection {}: disconnecting device {} from {} failed: {}", connection.id, binding.device(),
                    binding.session(), e.getMessage());
        }
    }

    private Seat resolve(AuthRequest request) throws Refused {
        try {
            if (request.handoffToken().isPresent()) {
                return claim(request);
            }
            String token = request.token().filter(t -> !t.isBlank())
                    .orElseThrow(() -> new Refused(401, "INVALID_TOKEN", "Missing token"));
            TokenClaims claims;
            try {
                claims = tokens.verify(token);
            } catch (TokenRejected e) {
                throw new Refused(401, e.code().name(), e.getMessage());
            }
            return claims.sessionScoped() ? granted(claims, request) : owned(claims, request);
        } catch (SyncError error) {
            throw Refused.of(error);
        }
    }

    private Seat granted(TokenClaims claims, AuthRequest request) throws Refused {
        SessionId session = claims.session().orElseThrow();
        if (request.sessionId().isPresent() && !request.sessionId().get().equals(session.clientId())) {
            throw new Refused(401, "INVALID_TOKEN", "The token is for another session");
        }
        if (claims.device().isPresent() && request.deviceId().isPresent()
                && !request.deviceId().get().equals(claims.device().get().value())) {
            throw new Refused(401, "INVALID_TOKEN", "The token is for another device");
        }
        DeviceId device = claims.device().or(() -> request.deviceId().map(DeviceId::new))
                .orElseThrow(() -> new Refused(400, "VALIDATION_ERROR", "Field 'device_id' is required"));
        Caller caller = claims.caller();
        Session opened = core.sessions().open(caller, session);
        Instant end = claims.renewal(Instant.now(), TokenGrant.DEVICE_GRANT_LIFETIME).notAfter().orElseThrow();
        // A renewal keeps its grant; a token minted elsewhere (no grant) gets one, so its renewals are revocable.
        String grant = claims.grantId()
                .orElseGet(() -> core.grants().grantDevice(claims.user(), session, device, Optional.empty(), end));
        TokenGrant renewal = new TokenGrant(claims.user(), Optional.of(session), Optional.of(device),
                Optional.of(claims.incarnation().orElse(opened.createdAt())), Optional.empty(), Optional.empty(),
                claims.email()).withGrant(grant, end);
        return new Seat(caller, session, device, renewal, Optional.empty());
    }

    private Seat owned(TokenClaims claims, AuthRequest request) throws Refused {
        if (request.sessionId().isEmpty() || request.deviceId().isEmpty()) {
            throw new Refused(400, "VALIDATION_ERROR",
                    "Fields 'session_id' and 'device_id' are required with a user token");
        }
        SessionId session = SessionId.scoped(claims.user(), request.sessionId().get());
        Caller caller = Caller.user(claims.user());
        Session opened = core.sessions().get(caller, session);
        DeviceId device = new DeviceId(request.deviceId().get());
        TokenGrant renewal = DeviceGrants.recorded(core.grants(), TokenGrant.session(claims.user(), session, device)
                .withIncarnation(opened.createdAt()).withEmail(claims.email()), claims.grantId(), Instant.now());
        return new Seat(caller, session, device, renewal, Optional.empty());
    }

    private Seat claim(AuthRequest request) throws Refused {
        DeviceId device = request.deviceId().map(DeviceId::new)
                .orElseThrow(() -> new Refused(400, "VALIDATION_ERROR",
                        "Field 'device_id' is required with a handoff token"));
        Session.HandedOff handedOff;
        try {
            handedOff = core.handoffs().claim(request.handoffToken().orElseThrow(), device, request.description());
        } catch (SyncError.HandoffTokenInvalid e) {
            throw new Refused(401, ErrorStatus.code(e), e.getMessage());
        }
        Session session = handedOff.session();
        return new Seat(Caller.granted(session.owner(), session.id(), Optional.of(device),
                Optional.of(session.createdAt())), session.id(), device,
                DeviceGrants.recorded(core.grants(), TokenGrant.session(session.owner(), session.id(), device)
                        .withIncarnation(session.createdAt()), Optional.empty(), Instant.now()),
                Optional.of(handedOff.handoff()));
    }

    /** AuthSuccess: a fresh session token with the presented token's v1 claims, {@code expires_at} in Unix seconds. */
    private void sendSuccess(Connection connection, Optional<JsonNode> correlationId, Binding binding,
                             TokenGrant renewal, DevicesUseCase.Connected connected) {
        Session session = connected.session();
        AccessTokens.Issued fresh = tokens.issue(renewal);
        ObjectNode payload = WireJson.object();
        payload.put("new_token", fresh.token());
        payload.put("expires_at", fresh.expiresAt().getEpochSecond());
        payload.put("session_id", binding.session().clientId());
        payload.put("user_id", binding.user().value());
        payload.put("device_id", binding.device().value());
        payload.put("version", session.version());
        payload.put("active_device_id", session.activeDevice().map(DeviceId::value).orElse(null));
        payload.set("devices", WireJson.devices(connected.devices()));
        connection.send(MessageType.AUTH_SUCCESS, correlationId, payload);
        connection.deliveredUpTo(session.version());
    }

    private void sendHandoffStart(Connection connection, Handoff handoff, Session session) {
        if (!connection.firstHandoffStart(handoff.id().value())) {
            return;
        }
        connection.send(MessageType.HANDOFF_START, Optional.empty(),
                EventFrames.handoffStart(handoff, session.version(), session.state().root()));
    }
}
