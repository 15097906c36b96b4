package io.syncbridge.adapter.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 with a secret shorter than 256 bits, for legacy v1 deployments only: nimbus's
 * MACSigner/MACVerifier refuse such secrets, so this signs and checks with javax.crypto and
 * compares signatures in constant time.
 */
final class ShortSecretHmac implements JWSSigner, JWSVerifier {

    private static final String MAC_ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final JCAContext jcaContext = new JCAContext();

    ShortSecretHmac(byte[] secret) {
        this.key = new SecretKeySpec(secret.clone(), MAC_ALGORITHM);
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        requireHs256(header);
        return Base64URL.encode(mac(signingInput));
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signedContent, Base64URL signature) throws JOSEException {
        if (!JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
            return false;
        }
        return MessageDigest.isEqual(mac(signedContent), signature.decode());
    }

    private byte[] mac(byte[] input) throws JOSEException {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(key);
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new JOSEException("HMAC-SHA256 unavailable: " + e.getMessage(), e);
        }
    }

    private static void requireHs256(JWSHeader header) throws JOSEException {
        if (!JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
            throw new JOSEException("only HS256 is supported with a legacy secret");
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.HS256);
    }

    @Override
    public JCAContext getJCAContext() {
        return jcaContext;
    }
}
