package io.syncbridge.adapter.javalin.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.in.CatchUp;
import io.syncbridge.port.in.StateSyncUseCase;
import io.syncbridge.port.out.ChangeFeed;
import io.syncbridge.port.out.TokenClaims;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST: {@code GET /v1/sessions/{id}/events}, the session's live feed as Server-Sent Events. With
 * {@code Last-Event-ID} (or {@code ?since=V}) the stream starts with the changes after V. Each
 * stream has its own bounded queue and sender, so a slow reader never holds up the core; a reader
 * that falls too far behind is told ({@code stream.overflow}) and disconnected, and resumes.
 */
final class EventStreamRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(EventStreamRoutes.class);

    private final StateSyncUseCase sync;
    private final BearerAuth auth;
    private final ObjectMapper mapper;
    private final Duration keepAlive;
    private final int queueCapacity;
    private final Set<SseClient> open = ConcurrentHashMap.newKeySet();

    public EventStreamRoutes(StateSyncUseCase sync, BearerAuth auth, ObjectMapper mapper, Duration keepAlive,
                             int queueCapacity) {
        this.sync = Objects.requireNonNull(sync, "sync");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.keepAlive = Objects.requireNonNull(keepAlive, "keepAlive");
        this.queueCapacity = queueCapacity;
    }

    public void register(JavalinConfig cfg) {
        cfg.routes.get("/v1/sessions/{id}/events", this::open);
    }

    /** How many streams are open now. */
    public int openStreams() {
        return open.size();
    }

    /** Ends every open stream (server shutdown). */
    public void closeAll() {
        open.forEach(SseClient::close);
    }

    private void open(Context ctx) throws IOException {
        TokenClaims claims = auth.require(ctx, true);
        SessionId id = auth.sessionId(ctx);
        OptionalLong since = since(ctx);
        Feed feed = new Feed(queueCapacity);
        // Subscribe before catching up, so that nothing committed in between is missed; both
        // check access, so a session the caller may not see is a 404 before the stream starts.
        ChangeFeed.Subscription subscription = sync.watch(claims.caller(), id, feed::offer);
        CatchUp catchUp;
        try {
            catchUp = since.isPresent() ? sync.since(claims.caller(), id, since.getAsLong()) : null;
        } catch (RuntimeException e) {
            subscription.close();
            throw e;
        }
        try {
            startStream(ctx);
        } catch (IOException | RuntimeException e) {
            subscription.close();
            throw e;
        }
        stream(new SseClient(ctx), subscription, feed, catchUp, since.orElse(-1));
    }

    /**
     * Commits the event-stream response. Javalin's SseHandler does the same but only for requests
     * that send {@code Accept: text/event-stream}; this serves plain clients (curl) too.
     */
    private static void startStream(Context ctx) throws IOException {
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setCharacterEncoding("UTF-8");
        res.setContentType("text/event-stream");
        res.addHeader("Connection", "close");
        res.addHeader("Cache-Control", "no-cache");
        res.addHeader("X-Accel-Buffering", "no");
        res.flushBuffer();
    }

    private void stream(SseClient client, ChangeFeed.Subscription subscription, Feed feed, CatchUp catchUp,
                        long since) {
        client.keepAlive();
        open.add(client);
        Thread sender = Thread.ofVirtual().name("sse-sender").unstarted(() -> send(client, feed, catchUp, since));
        client.onClose(() -> {
            open.remove(client);
            subscription.close();
            sender.interrupt();
        });
        sender.start();
    }

    private void send(SseClient client, Feed feed, CatchUp catchUp, long since) {
        long lastVersion = since;
        try {
            if (catchUp instanceof CatchUp.Changes changes) {
                for (var change : changes.changes()) {
                    client.sendEvent("state.changed", json(Views.change(change)), Long.toString(change.version()));
                }
                lastVersion = changes.toVersion();
            } else if (catchUp instanceof CatchUp.Reset reset) {
                client.sendEvent("state.reset", json(Views.state(reset.session())),
                        Long.toString(reset.session().version()));
                lastVersion = reset.session().version();
            }
            while (!client.terminated()) {
                DomainEvent event = feed.poll(keepAlive);
                if (feed.overflowed()) {
                    client.sendEvent("stream.overflow", json(java.util.Map.of("resumeFrom", lastVersion)));
                    break;
                }
                if (event == null) {
                    client.sendComment("keep-alive");
                    continue;
                }
                if (event instanceof DomainEvent.StateChanged changed) {
                    long version = changed.change().version();
                    if (version <= lastVersion) {
                        continue;
                    }
                    lastVersion = version;
                    client.sendEvent(event.name(), json(EventViews.data(event)), Long.toString(version));
                } else {
                    client.sendEvent(event.name(), json(EventViews.data(event)));
                }
                if (EventViews.ends(event)) {
                    break;
                }
            }
        } catch (InterruptedException closed) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("event stream ended by an error: {}", e.toString());
        } finally {
            client.close();
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event data", e);
        }
    }

    private static OptionalLong since(Context ctx) {
        String lastEventId = ctx.header("Last-Event-ID");
        if (lastEventId != null && lastEventId.matches("\\d{1,18}")) {
            return OptionalLong.of(Long.parseLong(lastEventId));
        }
        String since = ctx.queryParam("since");
        return since == null || since.isBlank() ? OptionalLong.empty()
                : OptionalLong.of(Params.longQuery(ctx, "since", 0, 0));
    }

    /** The events waiting for one stream's sender; when it is full the stream is marked overflowed. */
    private static final class Feed {
        private final BlockingQueue<DomainEvent> queue;
        private final AtomicBoolean overflowed = new AtomicBoolean();

        Feed(int capacity) {
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        void offer(DomainEvent event) {
            if (!queue.offer(event)) {
                overflowed.set(true);
            }
        }

        DomainEvent poll(Duration timeout) throws InterruptedException {
            return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        boolean overflowed() {
            return overflowed.get();
        }
    }
}
