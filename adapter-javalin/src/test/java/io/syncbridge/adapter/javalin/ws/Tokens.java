package io.syncbridge.adapter.javalin.ws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.syncbridge.adapter.javalin.GatewayFixture;
import io.syncbridge.adapter.jwt.HmacAccessTokens;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;

/** Bad tokens for the tests: expired, tampered, unsigned (alg none), another algorithm, another key. */
final class Tokens {

    private Tokens() {
    }

    static String expired(String user, String session, String device) {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        return new HmacAccessTokens(GatewayFixture.SECRET, Duration.ofMinutes(15), past)
                .issueSessionToken(new UserId(user), SessionId.scoped(new UserId(user), session), new DeviceId(device)).token();
    }

    /** The payload swapped for one naming another user, the signature kept. */
    static String tampered(String token) {
        String[] parts = token.split("\\.");
        String json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = json.replaceFirst("\"user_id\":\"[^\"]*\"", "\"user_id\":\"mallory\"");
        return parts[0] + "." + base64(forged) + "." + parts[2];
    }

    static String unsigned(String user, String session, String device) {
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String claims = base64("{\"user_id\":\"" + user + "\",\"session_id\":\"" + session + "\",\"device_id\":\""
                + device + "\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}");
        return header + "." + claims + ".";
    }

    /** Signed with HS384 (with the secret doubled, as HS384 needs 48 bytes): an algorithm the server does not accept. */
    static String otherAlgorithm(String user, String session, String device) {
        byte[] doubled = new byte[GatewayFixture.SECRET.length * 2];
        System.arraycopy(GatewayFixture.SECRET, 0, doubled, 0, GatewayFixture.SECRET.length);
        System.arraycopy(GatewayFixture.SECRET, 0, doubled, GatewayFixture.SECRET.length, GatewayFixture.SECRET.length);
        return sign(JWSAlgorithm.HS384, doubled, user, session, device);
    }

    static String otherKey(String user, String session, String device) {
        return sign(JWSAlgorithm.HS256, "another-secret-that-is-32-bytes-long!".getBytes(StandardCharsets.UTF_8),
                user, session, device);
    }

    /** A v1-style session token with an {@code email} claim, signed with the fixture's secret, issued at {@code issuedAt}. */
    static String v1WithEmail(String user, String session, String device, String email, Instant issuedAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("user_id", user).claim("session_id", session)
                .claim("device_id", device).claim("email", email).issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plusSeconds(600))).jwtID("v1-" + user).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(GatewayFixture.SECRET));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The claims of a token, decoded from its payload part without any check. */
    static com.fasterxml.jackson.databind.JsonNode claimsOf(String token) throws java.io.IOException {
        return WsClient.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static String sign(JWSAlgorithm algorithm, byte[] secret, String user, String session, String device) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("user_id", user).claim("session_id", session)
                .claim("device_id", device).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
