package io.syncbridge.adapter.javalin.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.syncbridge.adapter.javalin.DeviceGrants;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.handoff.HandoffToken;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.in.DevicesUseCase;
import io.syncbridge.port.in.GrantsUseCase;
import io.syncbridge.port.in.HandoffUseCase;
import io.syncbridge.port.out.AccessTokens;
import io.syncbridge.port.out.TokenClaims;
import io.syncbridge.port.out.TokenGrant;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** REST: a session's devices (list, remove) and handoffs (direct, by handoff token, and claiming one). */
final class DeviceRoutes {

    public record HandoffTokenView(String handoffToken, String sessionId, String issuedBy, String expiresAt) {
    }

    /** A claimed handoff: a session-scoped token for the claiming device, the handoff, and the state it takes over. */
    public record ClaimedHandoff(String token, String tokenType, String expiresAt, long expiresIn, String sessionId,
                                 String userId, String deviceId, Views.HandoffView handoff, Views.StateView state) {
    }

    private final DevicesUseCase devices;
    private final HandoffUseCase handoffs;
    private final GrantsUseCase grants;
    private final AccessTokens tokens;
    private final BearerAuth auth;
    private final ObjectMapper mapper;
    private final Clock clock;

    public DeviceRoutes(DevicesUseCase devices, HandoffUseCase handoffs, GrantsUseCase grants, AccessTokens tokens,
                        BearerAuth auth, ObjectMapper mapper, Clock clock) {
        this.devices = Objects.requireNonNull(devices, "devices");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.handoffs = Objects.requireNonNull(handoffs, "handoffs");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void register(JavalinConfig cfg) {
        cfg.routes.get("/v1/sessions/{id}/devices", this::list);
        cfg.routes.delete("/v1/sessions/{id}/devices/{deviceId}", this::remove);
        cfg.routes.post("/v1/sessions/{id}/handoff", this::handOff);
        cfg.routes.post("/v1/sessions/{id}/handoff-tokens", this::issueToken);
        cfg.routes.post("/v1/handoff/claim", this::claim);
    }

    private void list(Context ctx) {
        ctx.json(new Views.DeviceList(devices.list(auth.caller(ctx), auth.sessionId(ctx)).stream()
                .map(Views::device).toList()));
    }

    private void remove(Context ctx) {
        devices.remove(auth.caller(ctx), auth.sessionId(ctx), new DeviceId(ctx.pathParam("deviceId")));
        ctx.status(204);
    }

    private void handOff(Context ctx) {
        JsonBody body = JsonBody.of(ctx);
        DeviceId to = new DeviceId(body.text("toDeviceId", "target_device_id")
                .orElseThrow(() -> new SyncError.ValidationFailed("toDeviceId is required")));
        Session.HandedOff handedOff = handoffs.handOff(auth.caller(ctx), auth.sessionId(ctx), to);
        ctx.json(Views.handoff(handedOff.handoff()));
    }

    /**
     * A single-use token another device presents to take the session over. Issued by one of the
     * session's devices (the body's {@code deviceId} or the token's device), or, when neither names
     * one (the owner's user token and an empty body), by the owner through the API: then whichever
     * device claims it takes the session.
     */
    private void issueToken(Context ctx) {
        TokenClaims claims = auth.require(ctx);
        JsonBody body = JsonBody.of(ctx);
        SessionId id = auth.sessionId(ctx);
        Optional<DeviceId> issuer = body.text("deviceId", "device_id").map(DeviceId::new).or(claims::device);
        Duration ttl = body.integer("ttlSeconds").isPresent()
                ? HandoffToken.checkedTtl(Duration.ofSeconds(body.integer("ttlSeconds").getAsLong()))
                : body.integer("ttl_seconds").isPresent()
                ? HandoffToken.checkedTtl(Duration.ofSeconds(body.integer("ttl_seconds").getAsLong()))
                : HandoffToken.DEFAULT_TTL;
        HandoffToken token = issuer.isPresent() ? handoffs.issueToken(claims.caller(), id, issuer.get(), ttl)
                : handoffs.issueOwnerToken(claims.caller(), id, Params.REST_DEVICE, ttl);
        ctx.status(201).json(new HandoffTokenView(token.token(), token.sessionId().clientId(), token.issuedBy().value(),
                Views.time(token.expiresAt())));
    }

    /** Claims a handoff token: no bearer token needed, the handoff token is the credential. */
    private void claim(Context ctx) {
        JsonBody body = JsonBody.of(ctx);
        String token = body.text("handoffToken", "handoff_token").filter(t -> !t.isEmpty())
                .orElseThrow(() -> new SyncError.ValidationFailed("handoffToken is required"));
        DeviceId device = new DeviceId(body.text("deviceId", "device_id")
                .orElseThrow(() -> new SyncError.ValidationFailed("deviceId is required")));
        Session.HandedOff claimed = handoffs.claim(token, device, WireInput.device(body.member("device")));
        Session session = claimed.session();
        AccessTokens.Issued issued = tokens.issue(DeviceGrants.recorded(grants,
                TokenGrant.session(session.owner(), session.id(), device).withIncarnation(session.createdAt()),
                Optional.empty(), clock.instant()));
        ctx.json(new ClaimedHandoff(issued.token(), "Bearer", Views.time(issued.expiresAt()),
                Params.secondsUntil(clock, issued.expiresAt()), session.id().clientId(), session.owner().value(), device.value(),
                Views.handoff(claimed.handoff()), Views.state(session)));
    }
}
