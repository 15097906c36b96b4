package io.syncbridge.adapter.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.session.UserId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void loadsAnRsaSigningKeyFromPkcs8PemAndDerivesItsPublicHalf() throws Exception {
        KeyPair pair = JwtAccessTokensTest.rsa();
        Path file = Files.writeString(dir.resolve("rsa.pem"), PemKeys.encode(pair.getPrivate()));

        KeyPairKeys keys = KeyPairKeys.fromPem(file, List.of());
        JwtAccessTokens tokens = JwtAccessTokens.local(keys, Duration.ofMinutes(5), Clock.systemUTC());

        assertThat(tokens.verify(tokens.issueUserToken(new UserId("u")).token()).user()).isEqualTo(new UserId("u"));
    }

    @Test
    void loadsAnEcSigningKeyWithItsPublicBlockAndRetiredKeysFromOtherFiles() throws Exception {
        KeyPair current = JwtAccessTokensTest.ec();
        KeyPair retired = JwtAccessTokensTest.rsa();
        Path signing = Files.writeString(dir.resolve("ec.pem"),
                PemKeys.encode(current.getPrivate()) + PemKeys.encode(current.getPublic()));
        Path old = Files.writeString(dir.resolve("old.pub.pem"), PemKeys.encode(retired.getPublic()));

        KeyPairKeys keys = KeyPairKeys.fromPem(signing, List.of(old));

        assertThat(keys.publicKeys()).hasSize(2);
        assertThat(keys.publicKeys().get(0).getKeyID()).isEqualTo(keys.keyId());
    }

    @Test
    void anEcKeyWithoutItsPublicBlockIsRefusedWithAHint() throws Exception {
        Path file = Files.writeString(dir.resolve("ec.pem"), PemKeys.encode(JwtAccessTokensTest.ec().getPrivate()));

        assertThatThrownBy(() -> KeyPairKeys.fromPem(file, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PUBLIC KEY");
    }

    @Test
    void mismatchedPrivateAndPublicKeysAreRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("mixed.pem"), PemKeys.encode(JwtAccessTokensTest.ec().getPrivate())
                + PemKeys.encode(JwtAccessTokensTest.ec().getPublic()));

        assertThatThrownBy(() -> KeyPairKeys.fromPem(file, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("do not match");
    }

    @Test
    void pkcs1AndMissingFilesAreRefusedClearly() throws Exception {
        Path pkcs1 = Files.writeString(dir.resolve("old.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> PemKeys.read(pkcs1)).hasMessageContaining("PKCS#8");
        assertThatThrownBy(() -> PemKeys.read(dir.resolve("absent.pem"))).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> PemKeys.parse("nothing here", "inline")).hasMessageContaining("no PEM");
    }
}
