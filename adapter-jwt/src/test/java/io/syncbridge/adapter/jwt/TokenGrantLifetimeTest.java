package io.syncbridge.adapter.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.AccessTokens;
import io.syncbridge.port.out.TokenClaims;
import io.syncbridge.port.out.TokenGrant;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** A renewed token keeps its grant's claims and never outlives the grant it descends from. */
class TokenGrantLifetimeTest {

    private static final byte[] SECRET = "a-secret-that-is-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8);
    private static final UserId ALICE = new UserId("alice");
    private static final SessionId SESSION = SessionId.scoped(ALICE, "morning-yoga");

    @Test
    void aRenewedTokenEndsWhenItsGrantEndsHoweverOftenItIsRenewed() throws Exception {
        Instant minted = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant grantEnds = minted.plus(Duration.ofMinutes(20));
        TokenGrant grant = TokenGrant.session(ALICE, SESSION, new DeviceId("phone"))
                .withIncarnation(minted.minusSeconds(60)).endingAt(grantEnds);
        TokenClaims first = tokensAt(minted).verify(tokensAt(minted).issue(grant).token());

        // Renewed 10 minutes later: a 15-minute token would pass the grant's end, so it stops there.
        Instant later = minted.plus(Duration.ofMinutes(10));
        AccessTokens.Issued renewed = tokensAt(later).issue(first.renewal(later, TokenGrant.DEVICE_GRANT_LIFETIME));
        TokenClaims second = tokensAt(later).verify(renewed.token());

        assertThat(first.expiresAt()).isEqualTo(minted.plus(Duration.ofMinutes(15)));
        assertThat(second.expiresAt()).isEqualTo(grantEnds);
        assertThat(second.grantEnds()).contains(grantEnds);
        assertThat(second.session()).contains(SESSION);
        assertThat(second.device()).contains(new DeviceId("phone"));
        assertThat(second.incarnation()).isEqualTo(first.incarnation());
    }

    @Test
    void aTokenThatNamesNoGrantEndStartsOneOnRenewal() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TokenClaims legacy = tokensAt(now).verify(tokensAt(now).issueSessionToken(ALICE, SESSION,
                new DeviceId("phone")).token());

        assertThat(legacy.grantEnds()).isEmpty();
        assertThat(legacy.renewal(now, Duration.ofHours(24)).notAfter()).contains(now.plus(Duration.ofHours(24)));
    }

    private static JwtAccessTokens tokensAt(Instant now) {
        return JwtAccessTokens.local(HmacKeys.of(SECRET), Duration.ofMinutes(15), Clock.fixed(now, ZoneOffset.UTC));
    }
}
