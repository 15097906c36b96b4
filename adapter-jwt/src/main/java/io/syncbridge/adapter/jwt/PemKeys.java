package io.syncbridge.adapter.jwt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads RSA and EC keys from PEM text with the JDK alone: PKCS#8 private keys and X.509 (SPKI) public keys. */
final class PemKeys {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC");

    private PemKeys() {
    }

    /** The keys of a PEM file: at most one private key, and any public keys. */
    public record Contents(Optional<PrivateKey> privateKey, List<PublicKey> publicKeys) {
        public Contents {
            publicKeys = List.copyOf(publicKeys);
        }
    }

    public static Contents read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read key file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public static Contents parse(String pem, String source) {
        Matcher blocks = BLOCK.matcher(pem);
        PrivateKey privateKey = null;
        List<PublicKey> publicKeys = new ArrayList<>();
        while (blocks.find()) {
            String label = blocks.group(1);
            byte[] der = Base64.getMimeDecoder().decode(blocks.group(2));
            switch (label) {
                case "PRIVATE KEY" -> {
                    if (privateKey != null) {
                        throw new IllegalArgumentException(source + " holds more than one private key");
                    }
                    privateKey = privateKey(der, source);
                }
                case "PUBLIC KEY" -> publicKeys.add(publicKey(der, source));
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new IllegalArgumentException(source + " holds a "
                        + label + " block; convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY8");
                case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(source
                        + " holds an encrypted private key; SyncBridge needs it unencrypted (PKCS#8)");
                default -> {
                    // Certificates and parameters may share the file; they are not keys we use.
                }
            }
        }
        if (privateKey == null && publicKeys.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no PEM 'PRIVATE KEY' or 'PUBLIC KEY' block");
        }
        return new Contents(Optional.ofNullable(privateKey), publicKeys);
    }

    /** The public half of an RSA private key (from its CRT parameters); empty for other keys. */
    public static Optional<PublicKey> derivePublic(PrivateKey key) {
        if (key instanceof RSAPrivateCrtKey rsa) {
            try {
                return Optional.of(KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent())));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot derive the RSA public key: " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    private static PrivateKey privateKey(byte[] der, String source) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next key type
            }
        }
        throw new IllegalArgumentException(source + ": the private key is neither RSA nor EC (PKCS#8)");
    }

    private static PublicKey publicKey(byte[] der, String source) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next key type
            }
        }
        throw new IllegalArgumentException(source + ": a public key is neither RSA nor EC (X.509 SubjectPublicKeyInfo)");
    }

    /** PEM text of a key (PKCS#8 for private keys, SPKI for public keys), for tools and tests. */
    public static String encode(java.security.Key key) {
        String label = key instanceof PrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
