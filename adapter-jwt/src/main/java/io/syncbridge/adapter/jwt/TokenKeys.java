package io.syncbridge.adapter.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import io.syncbridge.port.out.TokenRejected;
import java.util.List;
import java.util.Set;

/**
 * The keys that verify tokens of one kind: the algorithms they accept and, for a token's header,
 * the verifiers that may have signed it. Each algorithm is bound to its own key type, so a public
 * RSA key can never be used as an HMAC secret (algorithm confusion).
 */
public interface TokenKeys {

    /** The algorithms these keys verify; a token with any other is not theirs. */
    Set<JWSAlgorithm> algorithms();

    /**
     * The verifiers for a token with this header: the key its {@code kid} names, or every key of the
     * algorithm when it names none; empty when no key matches.
     */
    List<JWSVerifier> verifiersFor(JWSHeader header) throws TokenRejected;

    /** Public keys to publish at /v1/auth/jwks (none for a shared secret). */
    default List<JWK> publicKeys() {
        return List.of();
    }
}
