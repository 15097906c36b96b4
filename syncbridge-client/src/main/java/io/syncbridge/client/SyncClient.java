package io.syncbridge.client;

import io.syncbridge.domain.Identifiers;
import io.syncbridge.domain.conflict.ConflictPolicy;
import io.syncbridge.domain.conflict.ConflictResolver;
import io.syncbridge.domain.state.StateLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * The entry point of the JVM client: connects one device to one session of a SyncBridge server
 * over the v2 WebSocket protocol and gives a {@link LiveSession}. Build one with
 * {@link #builder(URI, String, String)}.
 */
public final class SyncClient {

    private SyncClient() {
    }

    /**
     * @param server    the server's WebSocket endpoint, e.g. {@code ws://host:8080/ws}
     * @param sessionId the session to open
     * @param deviceId  this device's id (stable across restarts, so the session keeps knowing it)
     */
    public static Builder builder(URI server, String sessionId, String deviceId) {
        return new Builder(server, sessionId, deviceId);
    }

    /** Collects the settings of a live session; {@link #connect()} starts it. */
    public static final class Builder {
        private final URI endpoint;
        private final String sessionId;
        private final String deviceId;
        private String deviceKind = "other";
        private String deviceName = "";
        private TokenSource tokens;
        private String handoffToken;
        private LocalStore store;
        private Transport transport;
        private ConflictHandler conflictHandler = ConflictHandler.REAPPLY;
        private ConflictPolicy conflictPolicy = ConflictPolicy.MERGE;
        private StateLimits limits = StateLimits.DEFAULT;
        private Backoff backoff = Backoff.DEFAULT;
        private Duration heartbeatInterval = Duration.ofSeconds(15);
        private Duration heartbeatTimeout = Duration.ofSeconds(45);
        private int maxPendingChanges = 10_000;
        private RandomGenerator random = new Random();

        private Builder(URI endpoint, String sessionId, String deviceId) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            this.sessionId = Identifiers.require("session id", sessionId);
            this.deviceId = Identifiers.require("device id", deviceId);
        }

        /** Where access tokens come from; asked again when the one in use expires. */
        public Builder tokens(TokenSource source) {
            this.tokens = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Opens the session by claiming a handoff token another device issued (instead of a token, the first time). */
        public Builder claimHandoff(String token) {
            this.handoffToken = Objects.requireNonNull(token, "token");
            return this;
        }

        /** How the device describes itself: web, ios, android, desktop or other, and a name. */
        public Builder device(String kind, String name) {
            this.deviceKind = Objects.requireNonNull(kind, "kind");
            this.deviceName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The local store (default: in memory; {@link #storeIn(Path)} for one that outlives the process). */
        public Builder store(LocalStore localStore) {
            this.store = Objects.requireNonNull(localStore, "localStore");
            return this;
        }

        /** A {@link FileLocalStore} in {@code directory}. */
        public Builder storeIn(Path directory) {
            return store(FileLocalStore.open(directory));
        }

        public Builder transport(Transport webSocket) {
            this.transport = Objects.requireNonNull(webSocket, "webSocket");
            return this;
        }

        /** What to do with a pending change that conflicts (default {@link ConflictHandler#REAPPLY}). */
        public Builder conflictHandler(ConflictHandler handler) {
            this.conflictHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** The session's conflict policy, so the client checks queued changes as the server would (default MERGE). */
        public Builder conflictPolicy(ConflictPolicy policy) {
            this.conflictPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The server's state limits, applied to the local view too (default: the domain's defaults). */
        public Builder stateLimits(StateLimits stateLimits) {
            this.limits = Objects.requireNonNull(stateLimits, "stateLimits");
            return this;
        }

        public Builder backoff(Backoff reconnect) {
            this.backoff = Objects.requireNonNull(reconnect, "reconnect");
            return this;
        }

        /** A heartbeat every {@code interval}; the link counts as dead after {@code timeout} without any message. */
        public Builder heartbeat(Duration interval, Duration timeout) {
            if (interval.isNegative() || interval.isZero() || timeout.compareTo(interval) <= 0) {
                throw new IllegalArgumentException("heartbeat needs 0 < interval < timeout");
            }
            this.heartbeatInterval = interval;
            this.heartbeatTimeout = timeout;
            return this;
        }

        /** The most changes that may wait for the server (default 10,000); {@code change} throws beyond. */
        public Builder maxPendingChanges(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxPendingChanges must be at least 1");
            }
            this.maxPendingChanges = max;
            return this;
        }

        /** The randomness of the backoff's jitter (a seeded one makes delays repeatable in tests). */
        public Builder random(RandomGenerator jitter) {
            this.random = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        /** Starts the live session: it connects in the background and reconnects until closed. */
        public LiveSession connect() {
            if (tokens == null && handoffToken == null) {
                throw new IllegalStateException("Give a token source or a handoff token to claim");
            }
            ClientSettings settings = new ClientSettings(endpoint, sessionId, deviceId, deviceKind, deviceName,
                    Optional.ofNullable(tokens), Optional.ofNullable(handoffToken),
                    store == null ? new InMemoryLocalStore() : store,
                    transport == null ? new JdkWebSocketTransport() : transport, conflictHandler,
                    ConflictResolver.forPolicy(conflictPolicy), limits, backoff, heartbeatInterval,
                    heartbeatTimeout, maxPendingChanges, random);
            SyncEngine engine = new SyncEngine(settings);
            LiveSession session = new LiveSession(engine);
            engine.start(session);
            return session;
        }
    }
}
