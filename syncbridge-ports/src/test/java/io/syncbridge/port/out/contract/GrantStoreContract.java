package io.syncbridge.port.out.contract;

import static io.syncbridge.port.out.contract.Fixtures.deviceId;
import static io.syncbridge.port.out.contract.Fixtures.unique;
import static io.syncbridge.port.out.contract.Fixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.GrantStore;
import io.syncbridge.port.out.GrantStore.Grant;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link GrantStore}. Every grant store adapter subclasses it.
 *
 * <p>What the contract decides where the port's Javadoc leaves room: a grant is expired once the
 * injected clock reaches its {@code expiresAt}; a revocation reaches only the grants it names,
 * those of other devices, sessions and families stay live; {@code find} returns the grant whole.
 *
 * <p>{@link #create} is called before each test and must give a store over empty data.
 */
public abstract class GrantStoreContract {

    private static final Duration LIFETIME = Duration.ofHours(24);

    protected final MutableClock clock = new MutableClock();
    private final UserId user = userId();
    private final SessionId session = SessionId.scoped(user, unique("session"));
    private final String family = unique("family");
    private GrantStore store;

    /** A store over empty data that decides expiry with {@code clock}. */
    protected abstract GrantStore create(MutableClock clock);

    /** Called after each test: release or empty what {@link #create} made. */
    protected void cleanUp() throws Exception {
    }

    @BeforeEach
    final void createStore() {
        store = create(clock);
    }

    @AfterEach
    final void cleanUpStore() throws Exception {
        cleanUp();
    }

    @Test
    void issuedGrantIsLiveAndFoundWhole() {
        Grant login = Grant.login(unique("grant"), user, family, clock.now().plus(LIFETIME));
        Grant device = deviceGrant(session, deviceId(), Optional.of(family));

        store.issue(login);
        store.issue(device);

        assertThat(store.isLive(login.id())).isTrue();
        assertThat(store.find(login.id())).contains(login);
        assertThat(store.find(device.id())).contains(device);
    }

    @Test
    void unknownGrantIsNotLive() {
        store.issue(deviceGrant(session, deviceId(), Optional.empty()));

        assertThat(store.isLive(unique("grant"))).isFalse();
        assertThat(store.find(unique("grant"))).isEmpty();
    }

    @Test
    void grantIsNotLiveOnceItExpires() {
        Grant grant = deviceGrant(session, deviceId(), Optional.empty());
        store.issue(grant);

        clock.set(grant.expiresAt().minusMillis(1));
        assertThat(store.isLive(grant.id())).isTrue();

        clock.set(grant.expiresAt());
        assertThat(store.isLive(grant.id())).isFalse();
    }

    @Test
    void revokingDeviceEndsOnlyThatDevicesGrantsOfThatSession() {
        DeviceId phone = deviceId();
        DeviceId laptop = deviceId();
        SessionId other = SessionId.scoped(user, unique("session"));
        Grant phoneGrant = deviceGrant(session, phone, Optional.empty());
        Grant phoneAgain = deviceGrant(session, phone, Optional.of(family));
        Grant laptopGrant = deviceGrant(session, laptop, Optional.empty());
        Grant phoneElsewhere = deviceGrant(other, phone, Optional.empty());
        store.issue(phoneGrant);
        store.issue(phoneAgain);
        store.issue(laptopGrant);
        store.issue(phoneElsewhere);

        store.revokeDevice(session, phone);

        assertThat(store.isLive(phoneGrant.id())).isFalse();
        assertThat(store.isLive(phoneAgain.id())).isFalse();
        assertThat(store.isLive(laptopGrant.id())).isTrue();
        assertThat(store.isLive(phoneElsewhere.id())).isTrue();
    }

    @Test
    void revokingSessionEndsEveryGrantOfItsDevices() {
        SessionId other = SessionId.scoped(user, unique("session"));
        Grant phone = deviceGrant(session, deviceId(), Optional.empty());
        Grant laptop = deviceGrant(session, deviceId(), Optional.of(family));
        Grant elsewhere = deviceGrant(other, deviceId(), Optional.empty());
        Grant login = Grant.login(unique("grant"), user, family, clock.now().plus(LIFETIME));
        store.issue(phone);
        store.issue(laptop);
        store.issue(elsewhere);
        store.issue(login);

        store.revokeSession(session);

        assertThat(store.isLive(phone.id())).isFalse();
        assertThat(store.isLive(laptop.id())).isFalse();
        assertThat(store.isLive(elsewhere.id())).isTrue();
        assertThat(store.isLive(login.id())).isTrue();
    }

    @Test
    void revokingFamilyEndsTheLoginAndTheDeviceGrantsMintedUnderIt() {
        Grant login = Grant.login(unique("grant"), user, family, clock.now().plus(LIFETIME));
        Grant minted = deviceGrant(session, deviceId(), Optional.of(family));
        Grant otherLogin = Grant.login(unique("grant"), user, unique("family"), clock.now().plus(LIFETIME));
        Grant unrelated = deviceGrant(session, deviceId(), Optional.empty());
        store.issue(login);
        store.issue(minted);
        store.issue(otherLogin);
        store.issue(unrelated);

        store.revokeFamily(family);

        assertThat(store.isLive(login.id())).isFalse();
        assertThat(store.isLive(minted.id())).isFalse();
        assertThat(store.isLive(otherLogin.id())).isTrue();
        assertThat(store.isLive(unrelated.id())).isTrue();
    }

    @Test
    void revokingWhatDoesNotExistChangesNothing() {
        Grant grant = deviceGrant(session, deviceId(), Optional.of(family));
        store.issue(grant);

        store.revokeDevice(session, deviceId());
        store.revokeSession(SessionId.scoped(user, unique("session")));
        store.revokeFamily(unique("family"));

        assertThat(store.isLive(grant.id())).isTrue();
    }

    @Test
    void issuingAgainReplacesTheGrantAndItsEnd() {
        Grant login = Grant.login(unique("grant"), user, family, clock.now().plus(Duration.ofMinutes(5)));
        store.issue(login);
        Grant later = Grant.login(login.id(), user, family, clock.now().plus(LIFETIME));

        store.issue(later);
        clock.set(login.expiresAt());

        assertThat(store.find(login.id())).contains(later);
    }

    @Test
    void revokedGrantStaysRevokedOnEveryLaterCheck() {
        Grant grant = deviceGrant(session, deviceId(), Optional.empty());
        store.issue(grant);
        store.revokeSession(session);

        store.issue(deviceGrant(session, deviceId(), Optional.empty()));

        assertThat(store.isLive(grant.id())).isFalse();
        assertThat(store.find(grant.id())).isEmpty();
    }

    private Grant deviceGrant(SessionId in, DeviceId device, Optional<String> under) {
        return Grant.device(unique("grant"), user, in, device, under, clock.now().plus(LIFETIME));
    }
}
