package io.syncbridge.adapter.redis;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.snapshot.SnapshotId;
import java.util.Objects;
import java.util.Optional;

/**
 * The key layout. Every key and the channel of one session carry the hash tag {@code {<id>}}, so
 * a script over them touches one cluster slot; session ids cannot contain braces (see
 * {@code Identifiers}), so the tag is always the whole id.
 */
final class RedisKeys {

    private final String prefix;

    RedisKeys(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    String prefix() {
        return prefix;
    }

    /** {@code <prefix>session:{<id>}:} — the common start of one session's keys. */
    String sessionBase(SessionId id) {
        return prefix + "session:{" + id.value() + "}:";
    }

    /** Hash: the session head (scalars for the scripts and operators, plus the whole session as JSON). */
    String head(SessionId id) {
        return sessionBase(id) + "head";
    }

    /** Sorted set: the change log, score = version, member = {@code <appliedAtMillis>|<change JSON>}. */
    String log(SessionId id) {
        return sessionBase(id) + "log";
    }

    /** Sorted set: accepted mutation ids, score = the version each produced. */
    String mutations(SessionId id) {
        return sessionBase(id) + "mut";
    }

    /** Shard channel: the session's events for every node (SPUBLISH / SSUBSCRIBE). */
    String feed(SessionId id) {
        return sessionBase(id) + "feed";
    }

    /** Hash: one snapshot ({@code exp} = expiry millis, {@code body} = JSON). */
    String snapshot(SessionId id, SnapshotId snapshot) {
        return sessionBase(id) + "snap:" + snapshot.value();
    }

    /** The part of {@link #snapshot} before the snapshot id, for scripts that walk the index. */
    String snapshotBase(SessionId id) {
        return sessionBase(id) + "snap:";
    }

    /** Sorted set: the session's snapshot ids, score = created-at in epoch microseconds. */
    String snapshots(SessionId id) {
        return sessionBase(id) + "snaps";
    }

    /** Sorted set: live connections, member = {@code <deviceId> <connectionId>}, score = expiry millis. */
    String presence(SessionId id) {
        return sessionBase(id) + "presence";
    }

    /** Counter of one fixed window of one rate-limit key. */
    String rate(String key, long windowMillis, long windowIndex) {
        return prefix + "rate:" + key + ":" + windowMillis + ":" + windowIndex;
    }

    /** String: an outstanding handoff token (JSON). */
    String handoffToken(String token) {
        return prefix + "handoff:" + token;
    }

    /** Hash: one grant ({@code user}, {@code session}, {@code device}, {@code family}, {@code exp} = expiry millis). */
    String grant(String grantId) {
        return prefix + "grant:" + grantId;
    }

    /** Set: the ids of the grants issued for the devices of one session. */
    String sessionGrants(SessionId id) {
        return sessionBase(id) + "grants";
    }

    /** Set: the ids of the grants issued for one device of one session. */
    String deviceGrants(SessionId id, String device) {
        return sessionBase(id) + "grants:" + device;
    }

    /** Set: the ids of the grants of one refresh family. */
    String familyGrants(String family) {
        return prefix + "family-grants:" + family;
    }

    /** The session a feed channel belongs to, if the channel is one of ours. */
    Optional<SessionId> sessionOfFeed(String channel) {
        String start = prefix + "session:{";
        if (!channel.startsWith(start) || !channel.endsWith("}:feed")) {
            return Optional.empty();
        }
        return Optional.of(new SessionId(channel.substring(start.length(), channel.length() - "}:feed".length())));
    }
}
