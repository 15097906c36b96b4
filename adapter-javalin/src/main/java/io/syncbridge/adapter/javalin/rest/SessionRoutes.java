package io.syncbridge.adapter.javalin.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.syncbridge.adapter.javalin.DeviceGrants;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.domain.session.SessionStatus;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.GrantsUseCase;
import io.syncbridge.port.in.SessionsUseCase.CreateSession;
import io.syncbridge.port.in.SessionsUseCase.ListSessions;
import io.syncbridge.port.in.SessionsUseCase.UpdateSession;
import io.syncbridge.port.in.SessionsUseCase;
import io.syncbridge.port.out.AccessTokens;
import io.syncbridge.port.out.SessionCatalogue;
import io.syncbridge.port.out.TokenClaims;
import io.syncbridge.port.out.TokenGrant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** REST: sessions (create, list with filters and pages, read, change, delete) and session-scoped tokens. */
final class SessionRoutes {

    public record SessionToken(String token, String tokenType, String expiresAt, long expiresIn, String sessionId,
                               String userId, String deviceId) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SessionRoutes.class);

    private final SessionsUseCase sessions;
    private final GrantsUseCase grants;
    private final AccessTokens tokens;
    private final BearerAuth auth;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SessionRoutes(SessionsUseCase sessions, GrantsUseCase grants, AccessTokens tokens, BearerAuth auth,
                         ObjectMapper mapper, Clock clock) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void register(JavalinConfig cfg) {
        cfg.routes.post("/v1/sessions", this::create);
        cfg.routes.get("/v1/sessions", this::list);
        cfg.routes.get("/v1/sessions/{id}", ctx -> ctx.json(Views.session(sessions.get(auth.caller(ctx),
                auth.sessionId(ctx)))));
        cfg.routes.patch("/v1/sessions/{id}", this::update);
        cfg.routes.delete("/v1/sessions/{id}", this::delete);
        cfg.routes.post("/v1/sessions/{id}/tokens", this::sessionToken);
    }

    private void create(Context ctx) {
        Caller caller = auth.caller(ctx);
        JsonBody body = JsonBody.of(ctx);
        CreateSession command = new CreateSession(body.text("id").map(id -> SessionId.scoped(caller.user(), id)),
                body.text("name").orElse(""),
                WireInput.sessionType(body.text("type").orElse(WireInput.DEFAULT_SESSION_TYPE)),
                WireInput.settings(body.member("settings"), body.member("policies"), SessionSettings.DEFAULT));
        Session session = sessions.create(caller, command);
        ctx.header("Location", "/v1/sessions/" + session.id().clientId());
        ctx.status(201).json(Views.session(session));
    }

    private void list(Context ctx) {
        Caller caller = auth.caller(ctx);
        Optional<SessionStatus> status = Optional.ofNullable(ctx.queryParam("status")).filter(s -> !s.isBlank())
                .map(SessionStatus::parse);
        Optional<String> type = Optional.ofNullable(ctx.queryParam("type")).filter(s -> !s.isBlank());
        int limit = Params.intQuery(ctx, "limit", 20, 1, 100);
        int offset = Params.intQuery(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        SessionCatalogue.Page page = sessions.list(caller, new ListSessions(status, type, limit, offset));
        List<Views.SessionView> items = new ArrayList<>(page.entries().size());
        for (SessionCatalogue.SessionEntry entry : page.entries()) {
            // Each item is a whole session (its state included), read from the session store.
            try {
                items.add(Views.session(sessions.get(caller, entry.id())));
            } catch (SyncError.SessionNotFound | SyncError.SessionExpired gone) {
                LOG.debug("Session {} is listed but was deleted or expired meanwhile", entry.id());
            }
        }
        ctx.json(new Views.SessionPage(items, page.total(), limit, offset));
    }

    private void update(Context ctx) {
        Caller caller = auth.caller(ctx);
        SessionId id = auth.sessionId(ctx);
        JsonBody body = JsonBody.of(ctx);
        Optional<SessionSettings> settings = body.has("settings") || body.has("policies")
                ? Optional.of(WireInput.settings(body.member("settings"), body.member("policies"),
                        sessions.get(caller, id).settings()))
                : Optional.empty();
        UpdateSession command = new UpdateSession(body.text("name"), body.text("type").map(WireInput::sessionType),
                body.text("status").map(SessionStatus::parse), settings);
        ctx.json(Views.session(sessions.update(caller, id, command)));
    }

    private void delete(Context ctx) {
        sessions.delete(auth.caller(ctx), auth.sessionId(ctx));
        ctx.status(204);
    }

    /**
     * A session-scoped token for the WebSocket: minted with the user's own token (a device token
     * mints none) for a session of theirs, bound to the session as it is now (its incarnation).
     */
    private void sessionToken(Context ctx) {
        TokenClaims claims = auth.requireUserToken(ctx, "mint tokens");
        SessionId id = auth.sessionId(ctx);
        JsonBody body = JsonBody.of(ctx);
        DeviceId device = body.text("deviceId", "device_id").map(DeviceId::new).or(claims::device)
                .orElseThrow(() -> new SyncError.ValidationFailed("deviceId is required"));
        WireInput.device(body.member("device"));
        Session session = sessions.get(claims.caller(), id);
        AccessTokens.Issued issued = tokens.issue(DeviceGrants.recorded(grants,
                TokenGrant.session(claims.user(), session.id(), device).withIncarnation(session.createdAt())
                        .withEmail(claims.email()), claims.grantId(), clock.instant()));
        ctx.status(201).json(sessionToken(issued, claims.user().value(), session.id().clientId(), device.value()));
    }

    SessionToken sessionToken(AccessTokens.Issued issued, String user, String session, String device) {
        return new SessionToken(issued.token(), "Bearer", Views.time(issued.expiresAt()),
                Params.secondsUntil(clock, issued.expiresAt()), session, user, device);
    }
}
