package io.syncbridge.adapter.javalin.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.snapshot.Snapshot;
import io.syncbridge.domain.snapshot.SnapshotId;
import io.syncbridge.port.in.ChangeResult;
import io.syncbridge.port.in.SessionsUseCase;
import io.syncbridge.port.in.SnapshotsUseCase;
import io.syncbridge.port.out.TokenClaims;
import java.util.Objects;

/** REST: snapshots of a session's state (list, create, read) and restoring one as a new version. */
final class SnapshotRoutes {

    private final SnapshotsUseCase snapshots;
    private final SessionsUseCase sessions;
    private final BearerAuth auth;
    private final ObjectMapper mapper;

    public SnapshotRoutes(SnapshotsUseCase snapshots, SessionsUseCase sessions, BearerAuth auth, ObjectMapper mapper) {
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    public void register(JavalinConfig cfg) {
        cfg.routes.get("/v1/sessions/{id}/snapshots", this::list);
        cfg.routes.post("/v1/sessions/{id}/snapshots", this::create);
        cfg.routes.get("/v1/sessions/{id}/snapshots/{snapshotId}", this::read);
        cfg.routes.post("/v1/sessions/{id}/snapshots/{snapshotId}/restore", this::restore);
    }

    private void list(Context ctx) {
        int limit = Params.intQuery(ctx, "limit", 20, 1, 100);
        SnapshotsUseCase.SnapshotPage page = snapshots.list(auth.caller(ctx), auth.sessionId(ctx), limit,
                Params.instantQuery(ctx, "before"));
        ctx.json(new Views.SnapshotList(page.snapshots().stream().map(s -> Views.snapshot(s)).toList(),
                page.total()));
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.of(ctx);
        SessionId id = auth.sessionId(ctx);
        Snapshot snapshot = snapshots.create(auth.caller(ctx), id, body.text("label").orElse(""));
        ctx.header("Location", "/v1/sessions/" + id.clientId() + "/snapshots/" + snapshot.id().value());
        ctx.status(201).json(Views.snapshot(snapshot));
    }

    private void read(Context ctx) {
        ctx.json(Views.snapshot(snapshots.get(auth.caller(ctx), auth.sessionId(ctx), snapshotId(ctx))));
    }

    /** Restores the snapshot's state as a new change; answers with the state after it. */
    private void restore(Context ctx) {
        TokenClaims claims = auth.require(ctx);
        JsonBody body = JsonBody.of(ctx);
        SessionId id = auth.sessionId(ctx);
        ChangeResult result = snapshots.restore(claims.caller(), id, snapshotId(ctx), Params.author(body, claims));
        switch (result) {
            case ChangeResult.Accepted accepted -> {
                ctx.header("ETag", StateRoutes.etag(accepted.session().version()));
                ctx.json(Views.changed(accepted.session(), accepted.mutationId().value(),
                        accepted.outcome().wireName()));
            }
            case ChangeResult.Duplicate duplicate -> {
                Session now = sessions.get(claims.caller(), id);
                ctx.json(Views.changed(now, duplicate.mutationId().value(), "duplicate"));
            }
            case ChangeResult.Rejected rejected -> throw rejected.error();
        }
    }

    private static SnapshotId snapshotId(Context ctx) {
        return new SnapshotId(ctx.pathParam("snapshotId"));
    }
}
