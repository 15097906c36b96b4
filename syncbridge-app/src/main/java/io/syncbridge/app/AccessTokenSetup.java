package io.syncbridge.app;

import io.syncbridge.adapter.jwt.HmacKeys;
import io.syncbridge.adapter.jwt.JwtAccessTokens;
import io.syncbridge.adapter.jwt.KeyPairKeys;
import io.syncbridge.adapter.jwt.RemoteJwksKeys;
import io.syncbridge.adapter.jwt.SigningKeys;
import io.syncbridge.adapter.jwt.TrustedKeys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/** Builds the access tokens the configuration asks for: a shared secret, key files, and/or an external JWKS. */
final class AccessTokenSetup {

    /** The tokens, and a description of how they are signed for the banner. */
    record Tokens(JwtAccessTokens tokens, String description, boolean generatedSecret, boolean shortSecret) {
    }

    private AccessTokenSetup() {
    }

    static Tokens create(Config.Jwt jwt, Clock clock) {
        SigningKeys signing;
        String description;
        boolean shortSecret = false;
        if (jwt.signingKeyFile().isPresent()) {
            try {
                KeyPairKeys keys = KeyPairKeys.fromPem(jwt.signingKeyFile().get(), jwt.verificationKeyFiles());
                signing = keys;
                description = keys.header().getAlgorithm() + " (key " + keys.keyId() + ", "
                        + keys.publicKeys().size() + " verification key(s))";
            } catch (IllegalArgumentException e) {
                throw new ConfigException(List.of("JWT_SIGNING_KEY_FILE / JWT_VERIFICATION_KEY_FILES: " + e.getMessage()));
            }
        } else if (jwt.secret().isPresent()) {
            HmacKeys keys = HmacKeys.of(jwt.secret().get().value().getBytes(StandardCharsets.UTF_8),
                    jwt.allowShortSecret());
            signing = keys;
            shortSecret = keys.shortSecret();
            description = "HS256 (JWT_SECRET" + (shortSecret ? ", legacy short secret" : "") + ")";
        } else {
            byte[] random = new byte[HmacKeys.MIN_SECRET_BYTES];
            new SecureRandom().nextBytes(random);
            signing = HmacKeys.of(random);
            description = "HS256 (generated secret)";
        }
        List<TrustedKeys> external = jwt.jwksUrl().map(url -> List.of(new TrustedKeys(RemoteJwksKeys.fromUrl(url),
                jwt.jwksIssuer(), jwt.audience()))).orElse(List.of());
        if (!external.isEmpty()) {
            description += " + external JWKS " + jwt.jwksUrl().get();
        }
        JwtAccessTokens tokens = new JwtAccessTokens(signing, jwt.issuer(), jwt.audience(), external,
                jwt.accessTokenTtl(), clock);
        return new Tokens(tokens, description, jwt.generatedSecret(), shortSecret);
    }
}
