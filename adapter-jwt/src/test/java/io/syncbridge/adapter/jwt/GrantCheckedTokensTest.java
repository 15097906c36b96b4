package io.syncbridge.adapter.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.in.GrantsUseCase;
import io.syncbridge.port.out.TokenGrant;
import io.syncbridge.port.out.TokenRejected;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A token is refused once its grant is no longer live, seen within the cache's lifetime; tokens without a grant are not checked. */
class GrantCheckedTokensTest {

    private static final byte[] SECRET = "a-secret-that-is-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8);
    private static final UserId ALICE = new UserId("alice");
    private static final SessionId SESSION = SessionId.scoped(ALICE, "morning-yoga");
    private static final Duration CACHE = Duration.ofSeconds(2);

    private final Grants grants = new Grants();
    private final MovingClock clock = new MovingClock();
    private final JwtAccessTokens signer = JwtAccessTokens.local(HmacKeys.of(SECRET), Duration.ofMinutes(15),
            Clock.systemUTC());
    private final GrantCheckedTokens tokens = new GrantCheckedTokens(signer, grants, CACHE, clock);

    @Test
    void aRevokedGrantsTokenIsRefusedOnceTheCachedAnswerIsOlderThanItsLifetime() throws Exception {
        grants.live.add("g-1");
        String token = tokenOf("g-1");
        assertThat(tokens.verify(token).grantId()).contains("g-1");

        grants.live.remove("g-1");
        assertThat(tokens.verify(token).grantId()).as("still the cached answer").contains("g-1");
        clock.advance(CACHE);

        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(TokenRejected.class)
                .satisfies(e -> assertThat(((TokenRejected) e).code()).isEqualTo(TokenRejected.Code.INVALID_TOKEN));
    }

    @Test
    void aGrantIsAskedAboutOncePerCacheLifetime() throws Exception {
        grants.live.add("g-1");
        String token = tokenOf("g-1");

        for (int i = 0; i < 50; i++) {
            tokens.verify(token);
        }
        clock.advance(CACHE);
        tokens.verify(token);

        assertThat(grants.asked.get()).isEqualTo(2);
    }

    @Test
    void aTokenWithoutAGrantIsNotChecked() throws Exception {
        String legacy = signer.issueSessionToken(ALICE, SESSION, new DeviceId("phone")).token();

        assertThat(tokens.verify(legacy).grantId()).isEmpty();
        assertThat(grants.asked.get()).isZero();
    }

    @Test
    void theCacheStaysBounded() throws Exception {
        for (int i = 0; i <= GrantCheckedTokens.MAX_CACHED + 10; i++) {
            grants.live.add("g-" + i);
        }
        for (int i = 0; i <= GrantCheckedTokens.MAX_CACHED + 10; i++) {
            tokens.verify(tokenOf("g-" + i));
        }
        grants.asked.set(0);

        tokens.verify(tokenOf("g-0"));

        assertThat(grants.asked.get()).as("the oldest answers were dropped").isEqualTo(1);
    }

    private String tokenOf(String grant) {
        return signer.issue(TokenGrant.session(ALICE, SESSION, new DeviceId("phone"))
                .withGrant(grant, Instant.now().plus(Duration.ofHours(1)))).token();
    }

    /** The core's grants as a set of live ids, counting the questions. */
    private static final class Grants implements GrantsUseCase {
        final Set<String> live = new HashSet<>();
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public String grantDevice(UserId user, SessionId session, DeviceId device, Optional<String> parentGrant,
                                  Instant end) {
            throw new UnsupportedOperationException("not minted here");
        }

        @Override
        public boolean isLive(String grantId) {
            asked.incrementAndGet();
            return live.contains(grantId);
        }
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2030-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
