package io.syncbridge.port.out.contract;

import static io.syncbridge.port.out.contract.Fixtures.deviceId;
import static io.syncbridge.port.out.contract.Fixtures.sessionId;
import static io.syncbridge.port.out.contract.Fixtures.unique;
import static io.syncbridge.port.out.contract.Fixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.handoff.HandoffToken;
import io.syncbridge.port.out.HandoffTokenStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link HandoffTokenStore}. Every handoff token store adapter subclasses it.
 *
 * <p>What the contract decides where the port's Javadoc leaves room: a token is expired once the
 * injected clock reaches its {@code expiresAt} ({@code HandoffToken.isExpired(clock.now())});
 * saving a token string again replaces the earlier grant; a claim returns the token whole.
 *
 * <p>{@link #create} is called before each test and must give a store over empty data.
 */
public abstract class HandoffTokenStoreContract {

    protected final MutableClock clock = new MutableClock();
    private HandoffTokenStore store;

    /** A store over empty data that decides expiry with {@code clock}. */
    protected abstract HandoffTokenStore create(MutableClock clock);

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

    protected final HandoffTokenStore store() {
        return store;
    }

    @Test
    void savedTokenIsClaimedWholeOnce() {
        HandoffToken token = token(HandoffToken.DEFAULT_TTL);
        store.save(token);

        assertThat(store.claim(token.token())).contains(token);
        assertThat(store.claim(token.token())).isEmpty();
    }

    @Test
    void unknownTokenIsNotClaimed() {
        store.save(token(HandoffToken.DEFAULT_TTL));

        assertThat(store.claim(unique("token"))).isEmpty();
    }

    @Test
    void expiredTokenIsNeverReturned() {
        HandoffToken token = token(Duration.ofMinutes(5));
        store.save(token);

        clock.set(token.expiresAt());

        assertThat(store.claim(token.token())).isEmpty();
    }

    @Test
    void tokenJustBeforeExpiryIsClaimed() {
        HandoffToken token = token(Duration.ofMinutes(5));
        store.save(token);

        clock.set(token.expiresAt().minusMillis(1));

        assertThat(store.claim(token.token())).contains(token);
    }

    @Test
    void savingTokenAgainReplacesTheGrant() {
        HandoffToken first = token(Duration.ofMinutes(5));
        store.save(first);
        HandoffToken again = new HandoffToken(first.token(), sessionId(), userId(), deviceId(), clock.now(),
                clock.now().plus(Duration.ofMinutes(1)));

        store.save(again);

        assertThat(store.claim(first.token())).contains(again);
    }

    @Test
    void exactlyOneOfManyRacingClaimsGetsTheToken() {
        HandoffToken token = token(HandoffToken.DEFAULT_TTL);
        store.save(token);

        List<Optional<HandoffToken>> claims = Concurrently.run(8, () -> store.claim(token.token()));

        assertThat(claims).filteredOn(Optional::isPresent).singleElement().isEqualTo(Optional.of(token));
    }

    @Test
    void tokensAreClaimedIndependently() {
        HandoffToken one = token(HandoffToken.DEFAULT_TTL);
        HandoffToken other = token(HandoffToken.DEFAULT_TTL);
        store.save(one);
        store.save(other);

        assertThat(store.claim(one.token())).contains(one);
        assertThat(store.claim(other.token())).contains(other);
    }

    private HandoffToken token(Duration ttl) {
        return new HandoffToken(unique("Token"), sessionId(), userId(), deviceId(), clock.now(), clock.now().plus(ttl));
    }
}
