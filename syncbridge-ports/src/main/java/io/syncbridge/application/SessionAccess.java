package io.syncbridge.application;

import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.MonitoringUseCase;
import io.syncbridge.port.out.MetricsObserver;
import io.syncbridge.port.out.SessionCatalogue;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Loads sessions on behalf of a caller (a session the caller may not see is "not found", so ids
 * cannot be probed) and writes them back by compare-and-set, deciding again after a lost race.
 */
final class SessionAccess {

    /** Far beyond any real contention; only a livelock bug would reach it. */
    static final int MAX_ATTEMPTS = 1_000;

    /** A session used this long after its creation counts as retained ({@link MonitoringService#retention}). */
    static final Duration RETENTION_MARK = MonitoringUseCase.RETENTION_MARK;

    private static final System.Logger LOG = System.getLogger(SessionAccess.class.getName());

    private final DrivenPorts ports;
    private final SessionHeads heads;

    SessionAccess(DrivenPorts ports, SessionHeads heads) {
        this.ports = ports;
        this.heads = heads;
    }

    /** The heads this node keeps warm for the sessions it serves. */
    SessionHeads heads() {
        return heads;
    }

    /**
     * The session as this node last knew it, when it serves it (no round trip to the store). Only
     * for a decision that a compare-and-set commit checks: the head may be behind the store, and
     * a caller that is refused on it asks {@link #require} before giving up.
     */
    Optional<Session> warm(Caller caller, SessionId id) {
        return heads.warm(id).filter(s -> caller.mayAccess(s) && !s.isExpired(ports.clock().now()));
    }

    /** The session, if it exists, is not expired and the caller may see it; SessionNotFound otherwise. */
    Session require(Caller caller, SessionId id) {
        return visible(caller, ports.sessions().load(id)
                .orElseThrow(() -> new SyncError.SessionNotFound(id.clientId())));
    }

    /** A session just loaded, if it is not expired and the caller may see it; SessionNotFound otherwise. */
    Session visible(Caller caller, Session loaded) {
        if (!caller.mayAccess(loaded) || loaded.isExpired(ports.clock().now())) {
            throw new SyncError.SessionNotFound(loaded.id().clientId());
        }
        heads.remember(loaded);
        return loaded;
    }

    /** Refuses a session-scoped caller what only the owner's own credentials may do. */
    static void requireUserCredential(Caller caller, String what) {
        if (caller.sessionScoped()) {
            throw new SyncError.Forbidden("A session-scoped token cannot " + what);
        }
    }

    /** Refuses a caller that would act as a device its grant was not issued for. */
    static void requireActingAs(Caller caller, io.syncbridge.domain.device.DeviceId device) {
        if (!caller.mayActAs(device)) {
            throw new SyncError.Forbidden("The token is for another device");
        }
    }

    /**
     * Decides and commits until the commit wins. The first decision is made on the warm head when
     * this node serves the session (no read of the store): the commit's compare-and-set on the
     * revision proves that head current. A refusal or a decision to write nothing on the warm head
     * is not trusted (the store may be ahead) and is decided again on the session freshly loaded,
     * as is every attempt after a lost race. {@code decide} returns the next session and the
     * change to log, or no write at all.
     */
    <T> T update(Caller caller, SessionId id, Function<Session, Decision<T>> decide) {
        return write(id, warm(caller, id), () -> Optional.of(require(caller, id)), decide).orElseThrow();
    }

    /**
     * A write of the node's own, for no caller (a connection that closed), on the session as
     * stored whoever owns it, decided as {@link #update} decides; empty when no session is stored.
     */
    <T> Optional<T> updateStored(SessionId id, Function<Session, Decision<T>> decide) {
        return write(id, heads.warm(id), () -> ports.sessions().load(id), decide);
    }

    /** Decides on {@code warm} first, then on what {@code load} reads, until the commit wins; empty when it reads none. */
    private <T> Optional<T> write(SessionId id, Optional<Session> warm, Supplier<Optional<Session>> load,
                                  Function<Session, Decision<T>> decide) {
        if (warm.isPresent()) {
            Optional<T> decided = decideOnWarm(warm.get(), decide);
            if (decided.isPresent()) {
                return decided;
            }
            heads.forget(id);
        }
        for (int attempt = 1; ; attempt++) {
            Optional<Session> loaded = load.get();
            if (loaded.isEmpty()) {
                return Optional.empty();
            }
            Session current = loaded.get();
            Decision<T> decision = decide.apply(current);
            if (decision.next().isEmpty() || commit(current, decision)) {
                return Optional.of(decision.result());
            }
            metrics().commitRetried();
            if (attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException("session " + id + " could not be written after " + attempt + " attempts");
            }
        }
    }

    /** The result of a write decided on the warm head and committed; empty when that head cannot be trusted for it. */
    private <T> Optional<T> decideOnWarm(Session warm, Function<Session, Decision<T>> decide) {
        Decision<T> decision;
        try {
            decision = decide.apply(warm);
        } catch (SyncError refused) {
            return Optional.empty();
        }
        if (decision.next().isEmpty() || !commit(warm, decision)) {
            return Optional.empty();
        }
        return Optional.of(decision.result());
    }

    private boolean commit(Session current, Decision<?> decision) {
        Session next = decision.next().orElseThrow();
        if (!ports.sessions().commit(current.revision(), next, decision.change())) {
            return false;
        }
        heads.remember(next);
        committed(current, next);
        return true;
    }

    /**
     * After a committed write. State changes do not touch the catalogue (it is off the hot path),
     * so the one write that first uses a session past {@link #RETENTION_MARK} refreshes its row:
     * then the catalogue's {@code updatedAt} tells whether the session was used that late, which
     * is all the retention figure needs. One extra catalogue write per session, at most.
     */
    void committed(Session before, Session after) {
        Instant mark = after.createdAt().plus(RETENTION_MARK);
        if (before.updatedAt().isAfter(mark) || !after.updatedAt().isAfter(mark)) {
            return;
        }
        try {
            ports.catalogue().upsert(SessionCatalogue.SessionEntry.of(after));
        } catch (RuntimeException e) {
            // The write is committed; only the retention figure misses this session.
            LOG.log(System.Logger.Level.WARNING, "refreshing the catalogue entry of " + after.id() + " failed", e);
        }
    }

    private MetricsObserver metrics() {
        return ports.metrics();
    }

    /** What a decision made of a loaded session: the session to store (if any), its change, the result. */
    record Decision<T>(Optional<Session> next, Optional<io.syncbridge.domain.change.AppliedChange> change, T result) {

        Decision {
            Objects.requireNonNull(result, "result"); // the write's answer is an Optional when it may be none
        }

        static <T> Decision<T> write(Session next, T result) {
            return new Decision<>(Optional.of(next), Optional.empty(), result);
        }

        static <T> Decision<T> none(T result) {
            return new Decision<>(Optional.empty(), Optional.empty(), result);
        }
    }
}
