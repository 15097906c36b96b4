package io.syncbridge.application;

import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.SessionsUseCase.CreateSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** An in-memory core on a clock the test moves, with helpers to build changes. */
final class CoreFixture {

    static final UserId ALICE = new UserId("alice");
    static final Caller AS_ALICE = Caller.user(ALICE);
    static final Caller AS_BOB = Caller.user(new UserId("bob"));
    static final DeviceId PHONE = new DeviceId("phone");
    static final DeviceId LAPTOP = new DeviceId("laptop");

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T09:00:00Z"));
    final SyncBridge core;

    CoreFixture() {
        this(SessionPolicy.DEFAULT);
    }

    CoreFixture(SessionPolicy policy) {
        core = SyncBridge.builder()
                .clock(now::get)
                .policy(policy)
                .passwordHasher(new Pbkdf2PasswordHasher(1_000))
                .build();
    }

    void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    Session newSession() {
        return newSession(SessionSettings.DEFAULT);
    }

    Session newSession(SessionSettings settings) {
        return core.sessions().create(AS_ALICE, new CreateSession(Optional.empty(), "Flow", "yoga", settings));
    }

    Change change(String mutation, long base, PatchOperation... ops) {
        return new Change(new MutationId(mutation), base, List.of(ops), PHONE, now.get());
    }

    static PatchOperation add(String path, Object value) {
        JsonValue json = value instanceof Number n ? JsonValue.of(n.longValue()) : JsonValue.of(String.valueOf(value));
        return new PatchOperation.Add(JsonPointer.parse(path), json);
    }
}
