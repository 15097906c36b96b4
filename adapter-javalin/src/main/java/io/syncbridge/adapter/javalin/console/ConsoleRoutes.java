package io.syncbridge.adapter.javalin.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.syncbridge.adapter.javalin.rest.ApiException;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.in.MonitoringUseCase;
import io.syncbridge.port.in.OperatorActionsUseCase;
import io.syncbridge.port.out.SessionCatalogue;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The live console's routes, each behind the operator's HTTP Basic credential: {@code GET /console}
 * (the page, with its script and style from the jar); {@code GET /console/api/sessions} (a search:
 * {@code q}, {@code sort}, {@code order}, {@code limit}, {@code offset}), {@code /console/api/session?id=}
 * (one session's page), {@code /console/api/timeline} (the last 15 minutes of activity) and
 * {@code /console/api/audit} (the operators' recent actions), all JSON; {@code POST
 * /console/api/actions/{remove-device,end-session,restore-snapshot}} (see {@link ConsoleActions}); and
 * {@code GET /console/events} (Server-Sent Events: {@code sessions} once, then {@code session},
 * {@code removed} and {@code activity} as things happen).
 */
public final class ConsoleRoutes implements AutoCloseable {

    /** How many of the newest sessions the console shows. */
    public static final int SESSIONS_SHOWN = 200;
    private static final Duration LISTING_INTERVAL = Duration.ofSeconds(2);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int VIEWER_QUEUE = 2_000;
    private static final String REALM = "Basic realm=\"SyncBridge console\", charset=\"UTF-8\"";
    private static final Map<String, String> ASSETS = Map.of(
            "console.js", "text/javascript; charset=utf-8",
            "charts.js", "text/javascript; charset=utf-8",
            "session.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");

    /** How many of the operators' recent actions the audit route gives at most. */
    static final int AUDIT_SHOWN = 100;

    private final MonitoringUseCase monitoring;
    private final OperatorActionsUseCase operatorActions;
    private final ConsoleActions actions;
    private final ConsoleLogin login;
    private final ObjectMapper mapper;
    private final ConsoleFeed feed;
    private final Set<SseClient> open = ConcurrentHashMap.newKeySet();

    public ConsoleRoutes(MonitoringUseCase monitoring, OperatorActionsUseCase operatorActions, ConsoleLogin login,
                         ObjectMapper mapper) {
        this.monitoring = Objects.requireNonNull(monitoring, "monitoring");
        this.operatorActions = Objects.requireNonNull(operatorActions, "operatorActions");
        this.actions = new ConsoleActions(operatorActions, mapper);
        this.login = Objects.requireNonNull(login, "login");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.feed = new ConsoleFeed(monitoring, LISTING_INTERVAL, SESSIONS_SHOWN);
    }

    /** Registers the routes; the fixed paths before the asset pattern, which would match them too. */
    public void register(JavalinConfig cfg) {
        cfg.routes.get("/console", ctx -> {
            if (authorised(ctx)) {
                asset(ctx, "index.html", "text/html; charset=utf-8");
            }
        });
        cfg.routes.get("/console/api/sessions", ctx -> {
            if (authorised(ctx)) {
                SessionCatalogue.Search search = ConsoleQueries.search(ctx::queryParam);
                ctx.header("Cache-Control", "no-store").json(ConsoleViews.page(monitoring.search(search), search));
            }
        });
        cfg.routes.get("/console/api/session", ctx -> {
            if (authorised(ctx)) {
                String id = ctx.queryParam("id");
                if (id == null || id.isBlank()) {
                    throw ApiException.invalidRequest("id is required: the session's id as the listing gives it");
                }
                SessionId session = new SessionId(id.strip());
                MonitoringUseCase.SessionDetail detail = monitoring.detail(session)
                        .orElseThrow(() -> new SyncError.SessionNotFound(session.value()));
                ctx.header("Cache-Control", "no-store").json(ConsoleViews.detail(detail));
            }
        });
        cfg.routes.get("/console/api/timeline", ctx -> {
            if (authorised(ctx)) {
                ctx.header("Cache-Control", "no-store").json(ConsoleViews.timeline(monitoring.timeline()));
            }
        });
        cfg.routes.get("/console/api/audit", ctx -> {
            if (authorised(ctx)) {
                ctx.header("Cache-Control", "no-store").json(operatorActions.recentActions(AUDIT_SHOWN).stream()
                        .map(ConsoleViews::action).toList());
            }
        });
        action(cfg, "remove-device", actions::removeDevice);
        action(cfg, "end-session", actions::endSession);
        action(cfg, "restore-snapshot", actions::restoreSnapshot);
        cfg.routes.get("/console/events", this::events);
        cfg.routes.get("/console/{asset}", ctx -> {
            String name = ctx.pathParam("asset");
            if (!authorised(ctx)) {
                return;
            }
            if (!ASSETS.containsKey(name)) {
                ctx.status(404).result("not found");
                return;
            }
            asset(ctx, name, ASSETS.get(name));
        });
    }

    /** An action route: the credential first (its user is the operator), then that the page sent it. */
    private void action(JavalinConfig cfg, String name, BiConsumer<Context, String> perform) {
        cfg.routes.post("/console/api/actions/" + name, ctx -> {
            if (authorised(ctx)) {
                ConsoleActions.requireFromThePage(ctx);
                perform.accept(ctx, login.user());
            }
        });
    }

    /** Ends every console stream and the feed (server shutdown). */
    @Override
    public void close() {
        open.forEach(SseClient::close);
        feed.close();
    }

    private boolean authorised(Context ctx) {
        if (login.accepts(ctx.header("Authorization"))) {
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Content-Security-Policy", "default-src 'self'; connect-src 'self'; frame-ancestors 'none'");
            return true;
        }
        ctx.status(401).header("WWW-Authenticate", REALM).contentType("text/plain; charset=utf-8")
                .result("The SyncBridge console needs the operator's credential (CONSOLE_USER / CONSOLE_PASSWORD).");
        return false;
    }

    private static void asset(Context ctx, String name, String contentType) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console asset missing from the jar: " + name);
            }
            ctx.header("Cache-Control", "no-cache").contentType(contentType).result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void events(Context ctx) throws IOException {
        if (!authorised(ctx)) {
            return;
        }
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setCharacterEncoding("UTF-8");
        res.setContentType("text/event-stream");
        res.addHeader("Cache-Control", "no-cache");
        res.addHeader("X-Accel-Buffering", "no");
        res.flushBuffer();
        SseClient client = new SseClient(ctx);
        client.keepAlive();
        ConsoleViewer viewer = new ConsoleViewer(client, mapper, KEEP_ALIVE, VIEWER_QUEUE);
        open.add(client);
        Thread sender = Thread.ofVirtual().name("console-sender").unstarted(viewer::pump);
        client.onClose(() -> {
            open.remove(client);
            feed.leave(viewer);
            sender.interrupt();
        });
        feed.join(viewer);
        sender.start();
    }
}
