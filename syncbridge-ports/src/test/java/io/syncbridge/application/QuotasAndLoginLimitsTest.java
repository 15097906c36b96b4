package io.syncbridge.application;

import static io.syncbridge.application.CoreFixture.AS_ALICE;
import static io.syncbridge.application.CoreFixture.PHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.error.SyncError.QuotaExceeded.Quota;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.port.in.ChangeResult;
import io.syncbridge.port.in.SessionsUseCase.CreateSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The quotas and the login limits as every adapter gets them: through the core's use cases. */
class QuotasAndLoginLimitsTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T09:00:00Z"));
    private final SyncBridge core = SyncBridge.builder().clock(now::get)
            .passwordHasher(new Pbkdf2PasswordHasher(1_000))
            .quotas(new Quotas(2, 1, 2_000))
            .loginLimits(new LoginLimits(1, 0, 3, Duration.ofSeconds(8)))
            .build();

    @Test
    void theSessionPastTheQuotaIsRefusedAndNotCreated() {
        newSession();
        newSession();

        assertThatThrownBy(this::newSession).isInstanceOfSatisfying(SyncError.QuotaExceeded.class, e -> {
            assertThat(e.quota()).isEqualTo(Quota.SESSIONS_PER_USER);
            assertThat(e.limit()).isEqualTo(2);
        });
        assertThat(core.sessions().list(AS_ALICE, new io.syncbridge.port.in.SessionsUseCase.ListSessions(
                Optional.empty(), Optional.empty(), 10, 0)).total()).isEqualTo(2);
    }

    @Test
    void theSnapshotPastTheQuotaIsRefused() {
        Session session = newSession();
        core.snapshots().create(AS_ALICE, session.id(), "first");

        assertThatThrownBy(() -> core.snapshots().create(AS_ALICE, session.id(), "second"))
                .isInstanceOfSatisfying(SyncError.QuotaExceeded.class,
                        e -> assertThat(e.quota()).isEqualTo(Quota.SNAPSHOTS_PER_SESSION));
        assertThat(core.snapshots().list(AS_ALICE, session.id(), 10, Optional.empty()).total()).isEqualTo(1);
    }

    @Test
    void aChangeThatWouldPassTheStoredBytesIsRejectedAndAShrinkingOneAccepted() {
        Session session = newSession();
        ChangeResult big = core.sync().apply(AS_ALICE, session.id(), set("m1", 0, "/notes", "x".repeat(1_500)));
        assertThat(big).isInstanceOf(ChangeResult.Accepted.class);

        ChangeResult tooMuch = core.sync().apply(AS_ALICE, session.id(), set("m2", 1, "/more", "y".repeat(600)));

        assertThat(tooMuch).isInstanceOfSatisfying(ChangeResult.Rejected.class, r -> assertThat(r.error())
                .isInstanceOfSatisfying(SyncError.QuotaExceeded.class,
                        e -> assertThat(e.quota()).isEqualTo(Quota.STORED_BYTES_PER_USER)));
        assertThat(core.sessions().get(AS_ALICE, session.id()).version()).as("nothing changed").isEqualTo(1);
        assertThat(core.sync().apply(AS_ALICE, session.id(), set("m3", 1, "/notes", "short")))
                .isInstanceOf(ChangeResult.Accepted.class);
        assertThat(core.sync().apply(AS_ALICE, session.id(), set("m4", 2, "/more", "y".repeat(600))))
                .as("the shrink made room").isInstanceOf(ChangeResult.Accepted.class);
    }

    @Test
    void wrongPasswordsSlowTheUsernameDownUntilTheDelayHasPassed() {
        core.accounts().register("carol", "right password".toCharArray());
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> core.accounts().authenticate("carol", "wrong".toCharArray()))
                    .isInstanceOf(SyncError.InvalidCredentials.class);
        }

        assertThatThrownBy(() -> core.accounts().authenticate("carol", "right password".toCharArray()))
                .as("inside the delay even the right password waits")
                .isInstanceOfSatisfying(SyncError.RateLimited.class, e -> assertThat(e.retryAfterSeconds()).isPositive());
        core.accounts().register("dave", "his password".toCharArray());
        assertThat(core.accounts().authenticate("dave", "his password".toCharArray()))
                .as("another username is not slowed").isNotNull();

        now.updateAndGet(t -> t.plusSeconds(1));
        assertThatThrownBy(() -> core.accounts().authenticate("carol", "wrong".toCharArray()))
                .isInstanceOf(SyncError.InvalidCredentials.class);
        assertThatThrownBy(() -> core.accounts().authenticate("carol", "right password".toCharArray()))
                .as("the next delay is longer").isInstanceOf(SyncError.RateLimited.class);
        now.updateAndGet(t -> t.plusSeconds(2));
        assertThat(core.accounts().authenticate("carol", "right password".toCharArray()))
                .as("after the delay the owner signs in").isNotNull();
        assertThatThrownBy(() -> core.accounts().authenticate("carol", "wrong".toCharArray()))
                .as("and the count starts again").isInstanceOf(SyncError.InvalidCredentials.class);
    }

    private Session newSession() {
        return core.sessions().create(AS_ALICE, new CreateSession(Optional.empty(), "Flow", "yoga",
                SessionSettings.DEFAULT));
    }

    private Change set(String mutation, long base, String path, String value) {
        return new Change(new MutationId(mutation), base,
                List.of(new PatchOperation.Add(JsonPointer.parse(path), JsonValue.of(value))), PHONE, now.get());
    }
}
