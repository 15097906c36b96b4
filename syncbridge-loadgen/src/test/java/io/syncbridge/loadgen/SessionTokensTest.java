package io.syncbridge.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

class SessionTokensTest {

    private static final byte[] SECRET = "load-generator-test-secret-of-32-bytes+".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    @Test
    void mintsAnHs256SessionGrantTheServerCanVerify() throws Exception {
        String token = new SessionTokens(SECRET, Duration.ofMinutes(10)).mint("user-1", "session-1", "device-0", NOW);

        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.verify(new MACVerifier(SECRET))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getStringClaim("user_id")).isEqualTo("user-1");
        assertThat(claims.getStringClaim("session_id")).isEqualTo("session-1");
        assertThat(claims.getStringClaim("device_id")).isEqualTo("device-0");
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(NOW));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(10))));
        assertThat(claims.getJWTID()).isNotBlank();
    }

    @Test
    void aTokenSignedWithAnotherSecretDoesNotVerify() throws Exception {
        String token = new SessionTokens(SECRET, Duration.ofMinutes(10)).mint("u", "s", "d", NOW);
        byte[] other = "another-secret-that-is-32-bytes-long!!".getBytes(StandardCharsets.UTF_8);

        assertThat(SignedJWT.parse(token).verify(new MACVerifier(other))).isFalse();
    }

    @Test
    void everyTokenHasItsOwnId() throws Exception {
        SessionTokens tokens = new SessionTokens(SECRET, Duration.ofMinutes(10));

        String first = SignedJWT.parse(tokens.mint("u", "s", "d", NOW)).getJWTClaimsSet().getJWTID();
        String second = SignedJWT.parse(tokens.mint("u", "s", "d", NOW)).getJWTClaimsSet().getJWTID();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void refusesASecretShorterThan256Bits() {
        assertThatThrownBy(() -> new SessionTokens(new byte[31], Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unusable HS256 secret");
    }
}
