package io.syncbridge.adapter.javalin.console;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.in.MonitoringUseCase;
import io.syncbridge.port.out.ChangeFeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every open console sees, kept by one worker thread while at least one console is open: the
 * newest sessions from the catalogue (listed again every {@code pollInterval}, which finds sessions
 * created on any node), a change-feed subscription per listed session (which brings its changes,
 * devices and handoffs from every node), and the last view of each. Viewers get the whole list when
 * they join, then each session that changes and a line per event. With no viewer, it holds no
 * subscription and does no work.
 */
final class ConsoleFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleFeed.class);
    /** Far more than a person can follow; a burst beyond it drops events (the next listing repairs the views). */
    private static final int MAX_PENDING = 10_000;

    /** What the worker is asked to do, in order. */
    private sealed interface Command {
    }

    private record Join(ConsoleViewer viewer) implements Command {
    }

    private record Leave(ConsoleViewer viewer) implements Command {
    }

    private record Happened(DomainEvent event) implements Command {
    }

    private record Stop() implements Command {
    }

    private final MonitoringUseCase monitoring;
    private final Duration pollInterval;
    private final int limit;
    private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    private final AtomicInteger pendingEvents = new AtomicInteger();
    private final Thread worker;
    // Touched by the worker thread only.
    private final Set<ConsoleViewer> viewers = new HashSet<>();
    private final Map<SessionId, ChangeFeed.Subscription> watched = new HashMap<>();
    private final Map<SessionId, Map<String, Object>> views = new LinkedHashMap<>();
    private long nextListing = System.nanoTime();

    ConsoleFeed(MonitoringUseCase monitoring, Duration pollInterval, int limit) {
        this.monitoring = Objects.requireNonNull(monitoring, "monitoring");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.limit = limit;
        this.worker = Thread.ofVirtual().name("console-feed").start(this::run);
    }

    void join(ConsoleViewer viewer) {
        commands.add(new Join(viewer));
    }

    void leave(ConsoleViewer viewer) {
        commands.add(new Leave(viewer));
    }

    @Override
    public void close() {
        commands.add(new Stop());
        try {
            worker.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void offer(DomainEvent event) {
        if (pendingEvents.incrementAndGet() > MAX_PENDING) {
            pendingEvents.decrementAndGet();
            return;
        }
        commands.add(new Happened(event));
    }

    private void run() {
        try {
            while (true) {
                Command command;
                if (viewers.isEmpty()) {
                    command = commands.take();
                } else {
                    long wait = nextListing - System.nanoTime();
                    command = wait > 0 ? commands.poll(wait, TimeUnit.NANOSECONDS) : null;
                }
                try {
                    if (!perform(command)) {
                        return;
                    }
                } catch (RuntimeException e) {
                    // A store that fails now must not end the console: the next listing repairs the views.
                    LOG.warn("console: {} failed: {}", command == null ? "listing" : command, e.toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forgetAll();
        }
    }

    /** Does one command ({@code null}: the time to list again); false once stopped. */
    private boolean perform(Command command) {
        switch (command) {
            case null -> list();
            case Join join when !join.viewer().isOpen() -> {
                // Closed before it was added: its Leave has already been handled.
            }
            case Join join -> {
                if (viewers.isEmpty()) {
                    list();
                }
                viewers.add(join.viewer());
                join.viewer().send("sessions", List.copyOf(views.values()));
            }
            case Leave leave -> {
                viewers.remove(leave.viewer());
                if (viewers.isEmpty()) {
                    forgetAll();
                }
            }
            case Happened happened -> {
                pendingEvents.decrementAndGet();
                if (!viewers.isEmpty()) {
                    handle(happened.event());
                }
            }
            case Stop stop -> {
                forgetAll();
                viewers.forEach(ConsoleViewer::close);
                return false;
            }
        }
        return true;
    }

    /** Lists the newest sessions: new ones are watched and shown, ones no longer listed are dropped. */
    private void list() {
        nextListing = System.nanoTime() + pollInterval.toNanos();
        List<Session> latest;
        try {
            latest = monitoring.latestSessions(limit);
        } catch (RuntimeException e) {
            LOG.warn("console: listing sessions failed, trying again in {}: {}", pollInterval, e.toString());
            return;
        }
        Set<SessionId> listed = new HashSet<>();
        for (Session session : latest) {
            listed.add(session.id());
            if (!watched.containsKey(session.id())) {
                try {
                    watched.put(session.id(), monitoring.watch(session.id(), this::offer));
                } catch (RuntimeException e) {
                    LOG.warn("console: watching session {} failed: {}", session.id().value(), e.toString());
                    continue;
                }
                // Read again after subscribing, so that a change in between is not missed.
                Session current = monitoring.session(session.id()).orElse(session);
                show(current);
            }
        }
        for (SessionId id : new ArrayList<>(watched.keySet())) {
            if (!listed.contains(id)) {
                drop(id);
            }
        }
    }

    private void handle(DomainEvent event) {
        SessionId id = event.sessionId();
        if (!watched.containsKey(id)) {
            return;
        }
        Optional<Session> current = ConsoleViews.ends(event) ? Optional.empty() : monitoring.session(id);
        Object name = views.containsKey(id) ? views.get(id).get("name") : "";
        current.ifPresent(this::show);
        broadcast("activity", ConsoleViews.activity(event, String.valueOf(name)));
        if (current.isEmpty()) {
            drop(id);
        }
    }

    private void show(Session session) {
        Map<String, Object> view = ConsoleViews.session(session);
        views.put(session.id(), view);
        broadcast("session", view);
    }

    private void drop(SessionId id) {
        ChangeFeed.Subscription subscription = watched.remove(id);
        if (subscription != null) {
            subscription.close();
        }
        views.remove(id);
        broadcast("removed", Map.of("id", id.value()));
    }

    private void forgetAll() {
        watched.values().forEach(ChangeFeed.Subscription::close);
        watched.clear();
        views.clear();
    }

    private void broadcast(String type, Object data) {
        for (ConsoleViewer viewer : List.copyOf(viewers)) {
            viewer.send(type, data);
        }
    }
}
