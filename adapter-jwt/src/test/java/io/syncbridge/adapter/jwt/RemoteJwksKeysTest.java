package io.syncbridge.adapter.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.TokenRejected;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Verification against an external issuer's JWKS, served by a real HTTP server on loopback. */
class RemoteJwksKeysTest {

    private final KeyPair issuerKey = JwtAccessTokensTest.rsa();
    private final KeyPairKeys issuer = new KeyPairKeys(issuerKey.getPrivate(), issuerKey.getPublic(), List.of());
    private HttpServer jwksServer;

    @BeforeEach
    void serveJwks() throws Exception {
        byte[] body = new JWKSet(issuer.publicKeys()).toString(true).getBytes(StandardCharsets.UTF_8);
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwksServer.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwksServer.start();
    }

    @AfterEach
    void stopJwks() {
        jwksServer.stop(0);
    }

    @Test
    void acceptsTokensOfTheExternalIssuerBesideOurOwn() throws Exception {
        JwtAccessTokens external = new JwtAccessTokens(issuer, Optional.of("https://idp.example"), Optional.empty(),
                List.of(), Duration.ofMinutes(5), Clock.systemUTC());
        String theirs = external.issueUserToken(new UserId("idp-user")).token();
        JwtAccessTokens ours = new JwtAccessTokens(HmacKeys.of(new byte[32]), Optional.empty(), Optional.empty(),
                List.of(new TrustedKeys(RemoteJwksKeys.fromUrl(jwksUrl()), Optional.of("https://idp.example"),
                        Optional.empty())), Duration.ofMinutes(5), Clock.systemUTC());

        assertThat(ours.verify(theirs).user()).isEqualTo(new UserId("idp-user"));
        assertThat(ours.verify(ours.issueUserToken(new UserId("local")).token()).user())
                .isEqualTo(new UserId("local"));
    }

    @Test
    void refusesExternalTokensFromAnotherIssuerOrKey() throws Exception {
        String wrongIssuer = new JwtAccessTokens(issuer, Optional.of("https://other.example"), Optional.empty(),
                List.of(), Duration.ofMinutes(5), Clock.systemUTC()).issueUserToken(new UserId("x")).token();
        KeyPair stranger = JwtAccessTokensTest.rsa();
        String wrongKey = JwtAccessTokens.local(new KeyPairKeys(stranger.getPrivate(), stranger.getPublic(),
                List.of()), Duration.ofMinutes(5), Clock.systemUTC()).issueUserToken(new UserId("x")).token();
        JwtAccessTokens ours = new JwtAccessTokens(HmacKeys.of(new byte[32]), Optional.empty(), Optional.empty(),
                List.of(new TrustedKeys(RemoteJwksKeys.fromUrl(jwksUrl()), Optional.of("https://idp.example"),
                        Optional.empty())), Duration.ofMinutes(5), Clock.systemUTC());

        assertThatThrownBy(() -> ours.verify(wrongIssuer)).isInstanceOf(TokenRejected.class)
                .hasMessageContaining("issuer");
        assertThatThrownBy(() -> ours.verify(wrongKey)).isInstanceOf(TokenRejected.class);
    }

    private java.net.URL jwksUrl() throws Exception {
        return URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/.well-known/jwks.json").toURL();
    }
}
