package io.syncbridge.application;

import static io.syncbridge.application.CoreFixture.ALICE;
import static io.syncbridge.application.CoreFixture.AS_ALICE;
import static io.syncbridge.application.CoreFixture.PHONE;
import static io.syncbridge.application.CoreFixture.add;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.snapshot.Snapshot;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.port.in.AccountsUseCase.IssuedRefreshToken;
import io.syncbridge.port.in.ChangeResult;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotAndAccountServiceTest {

    private final CoreFixture fx = new CoreFixture();

    @Test
    void restoresASnapshotAsANewVersion() {
        Session session = fx.newSession();
        fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m1", 0, add("/pose", "tree")));
        Snapshot snapshot = fx.core.snapshots().create(AS_ALICE, session.id(), "before warrior");
        fx.core.sync().apply(AS_ALICE, session.id(), fx.change("m2", 1, add("/pose", "warrior")));

        ChangeResult restored = fx.core.snapshots().restore(AS_ALICE, session.id(), snapshot.id(), PHONE);

        assertThat(restored).isInstanceOfSatisfying(ChangeResult.Accepted.class, a -> {
            assertThat(a.version()).isEqualTo(3);
            assertThat(a.session().state().valueAt(JsonPointer.parse("/pose"))).contains(JsonValue.of("tree"));
        });
        assertThat(snapshot.version()).isEqualTo(1);
        assertThat(fx.core.snapshots().list(AS_ALICE, session.id(), 10, Optional.empty()).total()).isEqualTo(1);
    }

    @Test
    void snapshotsExpireAfterTheirTtl() {
        CoreFixture fx = new CoreFixture(SessionPolicy.DEFAULT.withSnapshotTtl(Duration.ofDays(1)));
        Session session = fx.newSession();
        Snapshot snapshot = fx.core.snapshots().create(AS_ALICE, session.id(), "v0");
        fx.advance(Duration.ofDays(1));
        assertThatThrownBy(() -> fx.core.snapshots().get(AS_ALICE, session.id(), snapshot.id()))
                .isInstanceOf(SyncError.SnapshotNotFound.class);
    }

    @Test
    void registersAndAuthenticatesWithoutTellingWhichPartWasWrong() {
        UserId id = fx.core.accounts().register("alice", "correct horse".toCharArray());
        assertThat(fx.core.accounts().authenticate("ALICE", "correct horse".toCharArray())).isEqualTo(id);
        assertThatThrownBy(() -> fx.core.accounts().authenticate("alice", "wrong pass".toCharArray()))
                .isInstanceOf(SyncError.InvalidCredentials.class);
        assertThatThrownBy(() -> fx.core.accounts().authenticate("nobody", "whatever1".toCharArray()))
                .isInstanceOf(SyncError.InvalidCredentials.class);
        assertThatThrownBy(() -> fx.core.accounts().register("Alice", "another pass".toCharArray()))
                .isInstanceOf(SyncError.UsernameTaken.class);
    }

    @Test
    void refusesBadUsernamesAndShortPasswords() {
        assertThatThrownBy(() -> fx.core.accounts().register("a b", "long enough".toCharArray()))
                .isInstanceOf(SyncError.ValidationFailed.class);
        assertThatThrownBy(() -> fx.core.accounts().register("carol", "short".toCharArray()))
                .isInstanceOf(SyncError.ValidationFailed.class);
    }

    @Test
    void refreshTokensRotateAndAReusedOneRevokesTheFamily() {
        UserId user = fx.core.accounts().register("dave", "a long password".toCharArray());
        IssuedRefreshToken first = fx.core.accounts().issueRefreshToken(user);
        IssuedRefreshToken second = fx.core.accounts().rotate(first.token());
        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(second.user()).isEqualTo(user);

        assertThatThrownBy(() -> fx.core.accounts().rotate(first.token()))
                .isInstanceOf(SyncError.RefreshTokenInvalid.class);
        assertThatThrownBy(() -> fx.core.accounts().rotate(second.token()))
                .as("the reuse of the first token revoked the whole family")
                .isInstanceOf(SyncError.RefreshTokenInvalid.class);
    }

    @Test
    void anExpiredRefreshTokenIsExpiredAndItsFamilyStays() {
        IssuedRefreshToken token = fx.core.accounts().issueRefreshToken(ALICE);
        Session session = fx.newSession();
        // A device grant minted under the login near its end outlives the refresh token.
        fx.advance(Duration.ofDays(6));
        String deviceGrant = fx.core.grants().grantDevice(ALICE, session.id(), PHONE, Optional.of(token.grantId()),
                fx.now.get().plus(Duration.ofDays(2)));
        fx.advance(Duration.ofDays(1));

        assertThatThrownBy(() -> fx.core.accounts().rotate(token.token()))
                .isInstanceOf(SyncError.RefreshTokenExpired.class);
        assertThat(fx.core.grants().isLive(deviceGrant))
                .as("an expired refresh token is no reuse: its family is not revoked").isTrue();
    }

    @Test
    void aRevokedRefreshTokenNoLongerRotates() {
        UserId user = fx.core.accounts().register("erin", "a long password".toCharArray());
        IssuedRefreshToken token = fx.core.accounts().issueRefreshToken(user);
        fx.core.accounts().revoke(token.token());
        fx.core.accounts().revoke("not-a-token");
        assertThatThrownBy(() -> fx.core.accounts().rotate(token.token()))
                .isInstanceOf(SyncError.RefreshTokenInvalid.class);
    }
}
