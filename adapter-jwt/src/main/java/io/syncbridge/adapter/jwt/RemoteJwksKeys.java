package io.syncbridge.adapter.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import io.syncbridge.port.out.TokenRejected;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verification against an external issuer's JWKS URL (RS256 / ES256): the key set is fetched,
 * cached and refreshed by nimbus; an unknown {@code kid} triggers a refresh, so the issuer can rotate.
 */
public final class RemoteJwksKeys implements TokenKeys {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwksKeys.class);
    private static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final JWKSource<SecurityContext> source;
    private final Set<JWSAlgorithm> algorithms;
    private final String origin;

    public RemoteJwksKeys(JWKSource<SecurityContext> source, Set<JWSAlgorithm> algorithms, String origin) {
        this.source = Objects.requireNonNull(source, "source");
        this.algorithms = Set.copyOf(algorithms);
        this.origin = Objects.requireNonNull(origin, "origin");
        if (this.algorithms.isEmpty() || !ASYMMETRIC.containsAll(this.algorithms)) {
            throw new IllegalArgumentException("a JWKS URL verifies RS256 and/or ES256 only");
        }
    }

    /** Keys fetched from {@code url}, accepting RS256 and ES256. */
    public static RemoteJwksKeys fromUrl(URL url) {
        JWKSource<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(url).retrying(true).build();
        return new RemoteJwksKeys(source, ASYMMETRIC, url.toString());
    }

    @Override
    public Set<JWSAlgorithm> algorithms() {
        return algorithms;
    }

    @Override
    public List<JWSVerifier> verifiersFor(JWSHeader header) throws TokenRejected {
        if (!algorithms.contains(header.getAlgorithm())) {
            return List.of();
        }
        List<JWK> keys;
        try {
            keys = source.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null);
        } catch (KeySourceException e) {
            LOG.warn("JWKS {} unavailable: {}", origin, e.getMessage());
            throw new TokenRejected(TokenRejected.Code.INVALID_TOKEN, "Token keys unavailable");
        }
        List<JWSVerifier> verifiers = new ArrayList<>(keys.size());
        for (JWK key : keys) {
            try {
                if (key instanceof RSAKey rsa && JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
                    verifiers.add(new RSASSAVerifier(rsa));
                } else if (key instanceof ECKey ec && JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
                    verifiers.add(new ECDSAVerifier(ec));
                }
            } catch (JOSEException e) {
                LOG.warn("JWKS {} key {} unusable: {}", origin, key.getKeyID(), e.getMessage());
            }
        }
        return verifiers;
    }
}
