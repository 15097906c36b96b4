package io.syncbridge.adapter.javalin.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.port.in.CatchUp;
import io.syncbridge.port.in.ChangeResult;
import io.syncbridge.port.in.SessionsUseCase;
import io.syncbridge.port.in.StateSyncUseCase;
import io.syncbridge.port.out.MetricsObserver;
import io.syncbridge.port.out.TokenClaims;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * REST: a session's state (read with an ETag, checked replace with If-Match), deltas, and the
 * change feed as a long poll, the fallback where WebSockets are blocked.
 */
final class StateRoutes {

    /** The longest a long poll waits: below the HTTP idle timeout, so that proxies keep it open. */
    static final int MAX_WAIT_SECONDS = 30;

    private final SessionsUseCase sessions;
    private final StateSyncUseCase sync;
    private final MetricsObserver metrics;
    private final BearerAuth auth;
    private final ObjectMapper mapper;
    private final Clock clock;

    public StateRoutes(SessionsUseCase sessions, StateSyncUseCase sync, MetricsObserver metrics, BearerAuth auth,
                       ObjectMapper mapper, Clock clock) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.sync = Objects.requireNonNull(sync, "sync");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void register(JavalinConfig cfg) {
        cfg.routes.get("/v1/sessions/{id}/state", this::read);
        cfg.routes.put("/v1/sessions/{id}/state", this::replace);
        cfg.routes.patch("/v1/sessions/{id}/state/delta", this::delta);
        cfg.routes.get("/v1/sessions/{id}/changes", this::changes);
    }

    private void read(Context ctx) {
        long started = System.nanoTime();
        Session session = sessions.get(auth.caller(ctx), auth.sessionId(ctx));
        String etag = etag(session.version());
        ctx.header("ETag", etag);
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && ETags.matches(ifNoneMatch, session.version())) {
            ctx.status(304);
            return;
        }
        ctx.json(Views.state(session));
        metrics.stateSynced(Duration.ofNanos(System.nanoTime() - started));
    }

    /** A whole-state replace; with If-Match (or a {@code version} in the body) only if still current. */
    private void replace(Context ctx) {
        TokenClaims claims = auth.require(ctx);
        SessionId id = auth.sessionId(ctx);
        JsonBody body = JsonBody.of(ctx);
        JsonObject data = body.object("data").orElseThrow(() ->
                new SyncError.ValidationFailed("data is required (the whole state as a JSON object)"));
        OptionalLong expected = expectedVersion(ctx.header("If-Match"), body.integer("version"));
        MutationId mutation = new MutationId(body.text("mutationId", "mutation_id").orElseGet(this::newMutationId));
        ChangeResult result = sync.replace(claims.caller(), id, data, expected, mutation, Params.author(body, claims));
        respondChanged(ctx, claims, id, result);
    }

    private void delta(Context ctx) {
        TokenClaims claims = auth.require(ctx);
        SessionId id = auth.sessionId(ctx);
        JsonBody body = JsonBody.of(ctx);
        long base = body.integer("baseVersion").orElseThrow(() ->
                new SyncError.ValidationFailed("baseVersion is required"));
        MutationId mutation = new MutationId(body.text("mutationId", "mutation_id").orElseGet(this::newMutationId));
        Change change = new Change(mutation, base, WireInput.operations(body.member("operations")),
                Params.author(body, claims), clock.instant());
        respondChanged(ctx, claims, id, sync.apply(claims.caller(), id, change));
    }

    private void respondChanged(Context ctx, TokenClaims claims, SessionId id, ChangeResult result) {
        switch (result) {
            case ChangeResult.Accepted accepted -> {
                ctx.header("ETag", etag(accepted.session().version()));
                ctx.json(Views.changed(accepted.session(), accepted.mutationId().value(),
                        accepted.outcome().wireName()));
            }
            case ChangeResult.Duplicate duplicate -> {
                Session now = sessions.get(claims.caller(), id);
                ctx.header("ETag", etag(now.version()));
                ctx.json(Views.changed(now, duplicate.mutationId().value(), "duplicate"));
            }
            case ChangeResult.Rejected rejected -> throw rejected.error();
        }
    }

    /** Changes after {@code since}; with {@code wait}, holds the request until one arrives or time runs out. */
    private void changes(Context ctx) throws InterruptedException {
        TokenClaims claims = auth.require(ctx, true);
        SessionId id = auth.sessionId(ctx);
        long since = Params.longQuery(ctx, "since", 0, 0);
        int wait = Math.min(MAX_WAIT_SECONDS, Params.intQuery(ctx, "wait", 0, 0, Integer.MAX_VALUE));
        CatchUp catchUp = wait == 0
                ? sync.since(claims.caller(), id, since)
                : sync.await(claims.caller(), id, since, Duration.ofSeconds(wait));
        ctx.json(changesView(catchUp));
    }

    static Views.ChangesView changesView(CatchUp catchUp) {
        return switch (catchUp) {
            case CatchUp.Changes c -> new Views.ChangesView(c.fromVersion(), c.toVersion(),
                    c.changes().stream().map(Views::change).toList(), false, null);
            case CatchUp.Reset r -> new Views.ChangesView(r.session().version(), r.session().version(),
                    java.util.List.of(), true, Views.state(r.session()));
        };
    }

    private static OptionalLong expectedVersion(String ifMatch, OptionalLong bodyVersion) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return bodyVersion;
        }
        long fromHeader = ETags.version(ifMatch);
        if (bodyVersion.isPresent() && bodyVersion.getAsLong() != fromHeader) {
            throw new SyncError.ValidationFailed("If-Match and version disagree");
        }
        return OptionalLong.of(fromHeader);
    }

    private String newMutationId() {
        return "rest-" + UUID.randomUUID();
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }
}
