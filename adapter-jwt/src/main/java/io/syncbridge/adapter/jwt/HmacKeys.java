package io.syncbridge.adapter.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * HS256 with a shared secret. Secrets shorter than 32 bytes are refused unless explicitly allowed
 * for legacy v1 deployments; those are signed and checked by {@link ShortSecretHmac}, because
 * nimbus refuses them.
 */
public final class HmacKeys implements SigningKeys {

    public static final int MIN_SECRET_BYTES = 32;

    private final JWSSigner signer;
    private final JWSVerifier verifier;
    private final boolean shortSecret;

    private HmacKeys(JWSSigner signer, JWSVerifier verifier, boolean shortSecret) {
        this.signer = signer;
        this.verifier = verifier;
        this.shortSecret = shortSecret;
    }

    /** Keys from a secret of at least 32 bytes. */
    public static HmacKeys of(byte[] secret) {
        return of(secret, false);
    }

    /**
     * Keys from a secret; one shorter than 32 bytes is accepted only with {@code allowShortSecret}
     * (an empty secret never).
     */
    public static HmacKeys of(byte[] secret, boolean allowShortSecret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length == 0) {
            throw new IllegalArgumentException("an HS256 secret must not be empty");
        }
        if (secret.length < MIN_SECRET_BYTES) {
            if (!allowShortSecret) {
                throw new IllegalArgumentException("an HS256 secret must be at least " + MIN_SECRET_BYTES
                        + " bytes (got " + secret.length + ")");
            }
            ShortSecretHmac hmac = new ShortSecretHmac(secret);
            return new HmacKeys(hmac, hmac, true);
        }
        try {
            return new HmacKeys(new MACSigner(secret), new MACVerifier(secret), false);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable HS256 secret: " + e.getMessage(), e);
        }
    }

    /** True when running on a legacy secret below the recommended length. */
    public boolean shortSecret() {
        return shortSecret;
    }

    @Override
    public Set<JWSAlgorithm> algorithms() {
        return Set.of(JWSAlgorithm.HS256);
    }

    @Override
    public List<JWSVerifier> verifiersFor(JWSHeader header) {
        return JWSAlgorithm.HS256.equals(header.getAlgorithm()) ? List.of(verifier) : List.of();
    }

    @Override
    public JWSHeader header() {
        return new JWSHeader.Builder(JWSAlgorithm.HS256).type(com.nimbusds.jose.JOSEObjectType.JWT).build();
    }

    @Override
    public JWSSigner signer() {
        return signer;
    }
}
