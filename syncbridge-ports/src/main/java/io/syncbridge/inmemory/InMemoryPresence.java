package io.syncbridge.inmemory;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.Presence;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Presence adapter: each session's open connections in memory, each entry live until its
 * expiry by the injected clock. Every change to one session replaces its immutable map of
 * connections atomically (inside {@link ConcurrentHashMap#compute}), so that of many connections of one device opening or closing
 * at once exactly one is told it was the first or the last.
 *
 * <p>{@code refresh} extends a live entry only: a connection that was closed or has expired stays
 * gone (a late heartbeat does not bring back a ghost); such a connection records itself again
 * with {@code connected}.
 */
public final class InMemoryPresence implements Presence {

    private final ConcurrentHashMap<SessionId, Map<String, Connection>> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryPresence(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean connected(SessionId session, DeviceId device, String connectionId, Duration ttl) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(connectionId, "connectionId");
        requirePositive(ttl);
        Instant now = clock.now();
        boolean[] first = new boolean[1];
        sessions.compute(Objects.requireNonNull(session, "session"), (id, connections) -> {
            Map<String, Connection> live = liveOnly(connections, now);
            first[0] = live.entrySet().stream()
                    .noneMatch(e -> e.getValue().device().equals(device) && !e.getKey().equals(connectionId));
            live.put(connectionId, new Connection(device, now.plus(ttl)));
            return Map.copyOf(live);
        });
        return first[0];
    }

    @Override
    public void refresh(SessionId session, DeviceId device, String connectionId, Duration ttl) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(connectionId, "connectionId");
        requirePositive(ttl);
        Instant now = clock.now();
        sessions.computeIfPresent(Objects.requireNonNull(session, "session"), (id, connections) -> {
            Map<String, Connection> live = liveOnly(connections, now);
            Connection current = live.get(connectionId);
            if (current != null && current.device().equals(device)) {
                live.put(connectionId, new Connection(device, now.plus(ttl)));
            }
            return live.isEmpty() ? null : Map.copyOf(live);
        });
    }

    @Override
    public boolean disconnected(SessionId session, DeviceId device, String connectionId) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(connectionId, "connectionId");
        Instant now = clock.now();
        boolean[] last = {true};
        sessions.computeIfPresent(Objects.requireNonNull(session, "session"), (id, connections) -> {
            Map<String, Connection> live = liveOnly(connections, now);
            Connection current = live.get(connectionId);
            if (current != null && current.device().equals(device)) {
                live.remove(connectionId);
            }
            last[0] = live.values().stream().noneMatch(c -> c.device().equals(device));
            return live.isEmpty() ? null : Map.copyOf(live);
        });
        return last[0];
    }

    @Override
    public Set<DeviceId> online(SessionId session) {
        // The stored maps are immutable (replaced whole inside compute), so reading needs no lock.
        Map<String, Connection> connections = sessions.getOrDefault(Objects.requireNonNull(session, "session"), Map.of());
        Instant now = clock.now();
        Set<DeviceId> online = connections.values().stream().filter(c -> c.isLive(now)).map(Connection::device)
                .collect(Collectors.toUnmodifiableSet());
        if (online.isEmpty() && !connections.isEmpty()) {
            // Every entry lapsed (a node died without closing them): forget the session.
            sessions.computeIfPresent(session, (id, current) -> liveOnly(current, now).isEmpty() ? null : current);
        }
        return online;
    }

    /** How many sessions have entries held, lapsed ones not yet dropped included. */
    public int sessions() {
        return sessions.size();
    }

    /** A mutable copy of the connections that are still live; the expired ones are dropped. */
    private static Map<String, Connection> liveOnly(Map<String, Connection> connections, Instant now) {
        Map<String, Connection> live = new HashMap<>();
        if (connections != null) {
            connections.forEach((id, c) -> {
                if (c.isLive(now)) {
                    live.put(id, c);
                }
            });
        }
        return live;
    }

    private static void requirePositive(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
    }

    /** One open connection: whose it is and until when it counts. */
    private record Connection(DeviceId device, Instant expiresAt) {
        boolean isLive(Instant now) {
            return now.isBefore(expiresAt);
        }
    }
}
