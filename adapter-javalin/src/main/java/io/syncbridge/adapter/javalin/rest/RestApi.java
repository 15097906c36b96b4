package io.syncbridge.adapter.javalin.rest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.config.JavalinState;
import io.javalin.http.HttpResponseException;
import io.javalin.plugin.Plugin;
import io.syncbridge.adapter.javalin.GatewaySettings;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.port.in.UseCases;
import io.syncbridge.port.out.AccessTokens;
import io.syncbridge.port.out.EdgeMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The REST API as one Javalin plugin, the package's entry point: the error mapping every route of
 * the server answers with, the edge filters around every request (request ids, CORS, body and rate
 * limits, access log and request metrics), and the route groups under {@code /v1}.
 */
public final class RestApi extends Plugin<Void> {

    /** How often an idle event stream gets a comment line, so that proxies keep it open. */
    private static final Duration EVENT_STREAM_KEEP_ALIVE = Duration.ofSeconds(15);

    private final EdgeFilters edge;
    private final AuthRoutes auth;
    private final SessionRoutes sessions;
    private final StateRoutes state;
    private final EventStreamRoutes eventStreams;
    private final SnapshotRoutes snapshots;
    private final DeviceRoutes devices;
    private final OpenApiRoutes openApi = new OpenApiRoutes();

    public RestApi(UseCases core, AccessTokens tokens, EdgeMetrics metrics, GatewaySettings settings,
                   ObjectMapper mapper, Clock clock) {
        Objects.requireNonNull(core, "core");
        BearerAuth bearer = new BearerAuth(Objects.requireNonNull(tokens, "tokens"));
        this.edge = new EdgeFilters(new CorsPolicy(settings.corsOrigins()), bearer, core.rateLimiter(),
                settings.restRequestsPerMinute(), settings.maxMessageBytes(), metrics);
        this.auth = new AuthRoutes(core.accounts(), tokens, mapper, clock);
        this.sessions = new SessionRoutes(core.sessions(), core.grants(), tokens, bearer, mapper, clock);
        this.state = new StateRoutes(core.sessions(), core.sync(), core.metrics(), bearer, mapper, clock);
        this.eventStreams = new EventStreamRoutes(core.sync(), bearer, mapper, EVENT_STREAM_KEEP_ALIVE,
                settings.sendQueueCapacity());
        this.snapshots = new SnapshotRoutes(core.snapshots(), core.sessions(), bearer, mapper);
        this.devices = new DeviceRoutes(core.devices(), core.handoffs(), core.grants(), tokens, bearer, mapper, clock);
    }

    @Override
    public void onInitialize(JavalinState state) {
        register(new JavalinConfig(state));
    }

    /** Registers the error mapping, the edge filters and every route group, in that order. */
    private void register(JavalinConfig cfg) {
        cfg.routes.exception(SyncError.class, ErrorResponses::domain);
        cfg.routes.exception(ApiException.class, ErrorResponses::api);
        cfg.routes.exception(HttpResponseException.class, ErrorResponses::http);
        cfg.routes.exception(JacksonException.class, ErrorResponses::invalidJson);
        cfg.routes.exception(Exception.class, ErrorResponses::unexpected);
        edge.register(cfg);
        auth.register(cfg);
        sessions.register(cfg);
        state.register(cfg);
        eventStreams.register(cfg);
        snapshots.register(cfg);
        devices.register(cfg);
        openApi.register(cfg);
    }

    /** Ends the open event streams (the server is stopping). */
    public void close() {
        eventStreams.closeAll();
    }
}
