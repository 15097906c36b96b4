package io.syncbridge.port.out.contract;

import static io.syncbridge.port.out.contract.Fixtures.unique;
import static io.syncbridge.port.out.contract.Fixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.RefreshTokenStore;
import io.syncbridge.port.out.RefreshTokenStore.RefreshToken;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link RefreshTokenStore}. Every refresh token store adapter subclasses it.
 *
 * <p>What the contract decides where the port's Javadoc leaves room:
 * <ul>
 *   <li>A token is active when it is usable and {@code now} is before its {@code expiresAt};
 *       {@code consume} of an active token returns it as saved ({@code usable == true}) and marks it
 *       used. For a token that is used, revoked or expired at {@code now} it returns the stored
 *       record with {@code usable == false}, changing nothing.</li>
 *   <li>{@code revokeFamily} makes every token of the family unusable and counts those that were
 *       active at {@code now} (a used or expired one is not counted).</li>
 *   <li>Time is the {@code now} passed in, not a clock.</li>
 * </ul>
 *
 * <p>{@link #create} is called before each test and must give a store over empty data.
 */
public abstract class RefreshTokenStoreContract {

    protected static final Duration LIFETIME = Duration.ofDays(7);

    protected final MutableClock clock = new MutableClock();
    private RefreshTokenStore store;

    /** A store over empty data. */
    protected abstract RefreshTokenStore create(MutableClock clock);

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

    protected final RefreshTokenStore store() {
        return store;
    }

    @Test
    void activeTokenIsConsumedWholeOnce() {
        RefreshToken token = saved(userId(), unique("family"));

        assertThat(store.consume(token.tokenHash(), clock.now())).contains(token);
        assertThat(store.consume(token.tokenHash(), clock.now())).contains(unusable(token));
    }

    @Test
    void unknownHashIsEmpty() {
        saved(userId(), unique("family"));

        assertThat(store.consume(unique("hash"), clock.now())).isEmpty();
    }

    @Test
    void expiredTokenIsReturnedUnusable() {
        RefreshToken token = saved(userId(), unique("family"));

        assertThat(store.consume(token.tokenHash(), token.expiresAt())).contains(unusable(token));
    }

    @Test
    void tokenJustBeforeExpiryIsConsumed() {
        RefreshToken token = saved(userId(), unique("family"));

        assertThat(store.consume(token.tokenHash(), token.expiresAt().minusMillis(1))).contains(token);
    }

    @Test
    void tokenSavedUnusableIsNeverConsumed() {
        RefreshToken token = unusable(token(userId(), unique("family"), clock.now()));
        store.save(token);

        assertThat(store.consume(token.tokenHash(), clock.now())).contains(token);
    }

    @Test
    void exactlyOneOfRacingConsumesGetsAnUsableToken() {
        RefreshToken token = saved(userId(), unique("family"));

        List<Optional<RefreshToken>> results = Concurrently.run(8, () -> store.consume(token.tokenHash(), clock.now()));

        assertThat(results).filteredOn(r -> r.orElseThrow().usable()).singleElement().isEqualTo(Optional.of(token));
        assertThat(results).filteredOn(r -> !r.orElseThrow().usable()).hasSize(7)
                .allSatisfy(r -> assertThat(r).contains(unusable(token)));
    }

    @Test
    void revokeFamilyCountsActiveTokensAndMakesAllUnusable() {
        UserId user = userId();
        String family = unique("family");
        RefreshToken used = saved(user, family);
        store.consume(used.tokenHash(), clock.now());
        RefreshToken active = saved(user, family);
        RefreshToken alsoActive = saved(user, family);
        RefreshToken expired = token(user, family, clock.now().minus(LIFETIME).minusSeconds(1));
        store.save(expired);
        RefreshToken otherFamily = saved(user, unique("family"));

        assertThat(store.revokeFamily(family, clock.now())).isEqualTo(2);

        assertThat(store.consume(active.tokenHash(), clock.now())).contains(unusable(active));
        assertThat(store.consume(alsoActive.tokenHash(), clock.now())).contains(unusable(alsoActive));
        assertThat(store.consume(used.tokenHash(), clock.now())).contains(unusable(used));
        assertThat(store.consume(otherFamily.tokenHash(), clock.now())).contains(otherFamily);
        assertThat(store.revokeFamily(family, clock.now())).isZero();
    }

    @Test
    void revokingUnknownFamilyCountsNothing() {
        saved(userId(), unique("family"));

        assertThat(store.revokeFamily(unique("family"), clock.now())).isZero();
    }

    private RefreshToken saved(UserId user, String family) {
        RefreshToken token = token(user, family, clock.now());
        store.save(token);
        return token;
    }

    private static RefreshToken token(UserId user, String family, Instant issuedAt) {
        return new RefreshToken(unique("sha256-hash"), user, family, issuedAt, issuedAt.plus(LIFETIME), true);
    }

    protected static RefreshToken unusable(RefreshToken token) {
        return new RefreshToken(token.tokenHash(), token.userId(), token.familyId(), token.issuedAt(),
                token.expiresAt(), false);
    }
}
