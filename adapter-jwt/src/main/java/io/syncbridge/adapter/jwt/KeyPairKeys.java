package io.syncbridge.adapter.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * RS256 / ES256 with key pairs: one private key signs (its {@code kid} in every header), and every
 * public key given verifies, so that tokens signed with a retired key stay valid while keys rotate.
 * Key ids are the RFC 7638 thumbprints of the public keys; the public keys are what /v1/auth/jwks shows.
 */
public final class KeyPairKeys implements SigningKeys {

    private record VerificationKey(JWK jwk, JWSAlgorithm algorithm, JWSVerifier verifier) {
    }

    private final JWSSigner signer;
    private final JWSHeader header;
    private final Map<String, VerificationKey> byKid;

    public KeyPairKeys(PrivateKey signingKey, PublicKey signingPublicKey, List<PublicKey> retiredKeys) {
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(signingPublicKey, "signingPublicKey");
        Map<String, VerificationKey> keys = new LinkedHashMap<>();
        VerificationKey current = verificationKey(signingPublicKey);
        keys.put(current.jwk().getKeyID(), current);
        for (PublicKey retired : retiredKeys) {
            VerificationKey key = verificationKey(retired);
            keys.putIfAbsent(key.jwk().getKeyID(), key);
        }
        this.byKid = Map.copyOf(keys);
        this.signer = signer(signingKey, current.algorithm());
        this.header = new JWSHeader.Builder(current.algorithm()).keyID(current.jwk().getKeyID())
                .type(JOSEObjectType.JWT).build();
        requireMatchingPair(current);
    }

    /**
     * Keys from PEM files: {@code signingKeyFile} holds the PKCS#8 private key and its public key
     * (which may be left out for RSA); each of {@code verificationKeyFiles} holds public keys that
     * still verify (keys being rotated out).
     */
    public static KeyPairKeys fromPem(Path signingKeyFile, List<Path> verificationKeyFiles) {
        PemKeys.Contents signing = PemKeys.read(signingKeyFile);
        PrivateKey privateKey = signing.privateKey().orElseThrow(() ->
                new IllegalArgumentException(signingKeyFile + " holds no PRIVATE KEY block"));
        PublicKey publicKey = signing.publicKeys().stream().findFirst()
                .or(() -> PemKeys.derivePublic(privateKey))
                .orElseThrow(() -> new IllegalArgumentException(signingKeyFile
                        + " must also hold the PUBLIC KEY block of its EC key (openssl pkey -in KEY -pubout)"));
        List<PublicKey> retired = new ArrayList<>();
        for (Path file : verificationKeyFiles) {
            retired.addAll(PemKeys.read(file).publicKeys());
        }
        return new KeyPairKeys(privateKey, publicKey, retired);
    }

    /** The key id of the signing key. */
    public String keyId() {
        return header.getKeyID();
    }

    @Override
    public Set<JWSAlgorithm> algorithms() {
        return byKid.values().stream().map(VerificationKey::algorithm).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public List<JWSVerifier> verifiersFor(JWSHeader tokenHeader) {
        JWSAlgorithm algorithm = tokenHeader.getAlgorithm();
        String kid = tokenHeader.getKeyID();
        if (kid != null) {
            VerificationKey key = byKid.get(kid);
            return key != null && key.algorithm().equals(algorithm) ? List.of(key.verifier()) : List.of();
        }
        return byKid.values().stream().filter(k -> k.algorithm().equals(algorithm)).map(VerificationKey::verifier).toList();
    }

    @Override
    public List<JWK> publicKeys() {
        List<JWK> keys = new ArrayList<>();
        keys.add(byKid.get(header.getKeyID()).jwk());
        byKid.values().stream().filter(k -> !k.jwk().getKeyID().equals(header.getKeyID()))
                .forEach(k -> keys.add(k.jwk()));
        return keys;
    }

    @Override
    public JWSHeader header() {
        return header;
    }

    @Override
    public JWSSigner signer() {
        return signer;
    }

    private static VerificationKey verificationKey(PublicKey key) {
        try {
            if (key instanceof RSAPublicKey rsa) {
                RSAKey jwk = new RSAKey.Builder(rsa).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                        .keyIDFromThumbprint().build();
                return new VerificationKey(jwk, JWSAlgorithm.RS256, new RSASSAVerifier(rsa));
            }
            if (key instanceof ECPublicKey ec) {
                Curve curve = Curve.forECParameterSpec(ec.getParams());
                if (!Curve.P_256.equals(curve)) {
                    throw new IllegalArgumentException("EC keys must be on P-256 for ES256 (got " + curve + ")");
                }
                ECKey jwk = new ECKey.Builder(Curve.P_256, ec).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                        .keyIDFromThumbprint().build();
                return new VerificationKey(jwk, JWSAlgorithm.ES256, new ECDSAVerifier(ec));
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable public key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("unsupported public key type " + key.getAlgorithm() + " (RSA or EC P-256)");
    }

    private static JWSSigner signer(PrivateKey key, JWSAlgorithm algorithm) {
        try {
            if (key instanceof RSAPrivateKey rsa && JWSAlgorithm.RS256.equals(algorithm)) {
                return new RSASSASigner(rsa);
            }
            if (key instanceof ECPrivateKey ec && JWSAlgorithm.ES256.equals(algorithm)) {
                return new ECDSASigner(ec);
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable private key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("the private key does not match the type of its public key");
    }

    /** Signs and verifies a probe so that a private key paired with the wrong public key fails at start. */
    private void requireMatchingPair(VerificationKey current) {
        try {
            JWSObject probe = new JWSObject(header, new Payload("key-pair-check"));
            probe.sign(signer);
            if (!probe.verify(current.verifier())) {
                throw new IllegalArgumentException("the signing key's private and public halves do not match");
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the signing key cannot sign: " + e.getMessage(), e);
        }
    }
}
