package io.syncbridge.adapter.javalin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ConsoleLoginTest {

    private final ConsoleLogin login = new ConsoleLogin("ops", "pässword-with-ümlauts");

    @Test
    void acceptsExactlyItsUserAndPasswordAsHttpBasic() {
        assertThat(login.accepts(basic("ops:pässword-with-ümlauts"))).isTrue();
        assertThat(login.accepts("basic " + encode("ops:pässword-with-ümlauts"))).isTrue();
        assertThat(login.accepts(basic("ops:pässword-with-ümlaut"))).isFalse();
        assertThat(login.accepts(basic("Ops:pässword-with-ümlauts"))).isFalse();
        assertThat(login.accepts("Bearer " + encode("ops:pässword-with-ümlauts"))).isFalse();
        assertThat(login.accepts("Basic not*base64")).isFalse();
        assertThat(login.accepts(null)).isFalse();
    }

    @Test
    void neverShowsThePassword() {
        assertThat(login.toString()).contains("ops").doesNotContain("pässword");
    }

    @Test
    void refusesAUserThatHttpBasicCannotCarry() {
        assertThatThrownBy(() -> new ConsoleLogin("a:b", "password")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsoleLogin("ops", "")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String basic(String credential) {
        return "Basic " + encode(credential);
    }

    private static String encode(String credential) {
        return Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8));
    }
}
