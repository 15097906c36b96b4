package io.syncbridge.adapter.redis;

import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.conflict.StrictResolver;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.AcceptedChange;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sessions and accepted changes for the Redis-specific tests, made with the domain's own rules. */
final class TestSessions {

    static final DeviceId PHONE = new DeviceId("phone");

    private TestSessions() {
    }

    static SessionId newId() {
        return new SessionId("s-" + UUID.randomUUID());
    }

    /** A new session with the phone attached (so that it can make changes). */
    static Session session(SessionId id, SessionPolicy policy, Instant now) {
        Session created = Session.create(id, new UserId("alice"), "Morning flow", "yoga", SessionSettings.DEFAULT,
                policy, now);
        return created.admit(PHONE, DeviceDescription.UNKNOWN, policy, now).session();
    }

    /** The phone sets {@code /<key>} to {@code value} on the current version. */
    static AcceptedChange set(Session session, String key, long value, SessionPolicy policy, Instant now) {
        Change change = new Change(new MutationId("m-" + UUID.randomUUID()), session.version(),
                List.of(new PatchOperation.Add(JsonPointer.parse("/" + key), JsonValue.of(value))), PHONE, now);
        return session.accept(change, Optional.of(List.of()), StrictResolver.INSTANCE, policy, now);
    }
}
