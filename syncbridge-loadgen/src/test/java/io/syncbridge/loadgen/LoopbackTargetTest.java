package io.syncbridge.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackTargetTest {

    private static final LoopbackTarget.HostResolver NO_NAME_SERVICE = host -> {
        throw new AssertionError("resolved " + host + " although only localhost may be resolved");
    };

    @Test
    void acceptsIpv4LoopbackAndDerivesWebSocketUrls() {
        LoopbackTarget target = LoopbackTarget.parse("http://127.0.0.1:8080", NO_NAME_SERVICE);

        assertThat(target.httpBase()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(target.webSocket("/v1/ws/sessions/s-1?token=t&deviceId=d"))
                .isEqualTo(URI.create("ws://127.0.0.1:8080/v1/ws/sessions/s-1?token=t&deviceId=d"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.1.2.3:9000", "ws://127.0.0.1", "https://[::1]:8443", "wss://[::1]",
            "http://[::ffff:127.0.0.1]:8080"})
    void acceptsEveryLoopbackLiteral(String url) {
        assertThat(LoopbackTarget.parse(url, NO_NAME_SERVICE).webSocketBase().getScheme()).startsWith("ws");
    }

    @Test
    void keepsThePathPrefixAndMapsHttpsToWss() {
        LoopbackTarget target = LoopbackTarget.parse("https://[::1]:8443/sync/", NO_NAME_SERVICE);

        assertThat(target.webSocket("/ws")).isEqualTo(URI.create("wss://[::1]:8443/sync/ws"));
    }

    @Test
    void acceptsLocalhostWhenEveryAddressIsLoopback() {
        LoopbackTarget target = LoopbackTarget.parse("http://localhost:8080", host -> new InetAddress[] {
                InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}),
                InetAddress.getByAddress(host, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})});

        assertThat(target.webSocket("/ws")).isEqualTo(URI.create("ws://localhost:8080/ws"));
    }

    @Test
    void refusesLocalhostThatResolvesOffTheMachine() {
        assertThatThrownBy(() -> LoopbackTarget.parse("http://localhost:8080",
                host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 0, 0, 7})}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.0.0.7 is not a loopback address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com", "http://127.0.0.1.nip.io:8080", "http://loopback", "http://2130706433"})
    void refusesHostNamesWithoutResolvingThem(String url) {
        assertThatThrownBy(() -> LoopbackTarget.parse(url, NO_NAME_SERVICE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refusing to load")
                .hasMessageContaining("only loopback IP literals and localhost");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.1:8080", "http://0.0.0.0:8080", "http://192.168.1.10", "http://[::]:8080",
            "http://[2001:db8::1]:8080", "http://8.8.8.8"})
    void refusesAddressesOffTheLoopback(String url) {
        assertThatThrownBy(() -> LoopbackTarget.parse(url, NO_NAME_SERVICE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a loopback address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.000.0.1", "http://127.0.0.01", "http://127.0.00.1"})
    void refusesOddIpv4Spellings(String url) {
        assertThatThrownBy(() -> LoopbackTarget.parse(url, NO_NAME_SERVICE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a plain IPv4 address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1", "127.0.0.1:8080", "http://user:pw@127.0.0.1", "http://127.0.0.1/?a=b",
            "http:///nohost", "http://127.0.0.1 8080", "http://300.0.0.1"})
    void refusesWhatIsNotAPlainServerUrl(String url) {
        assertThatThrownBy(() -> LoopbackTarget.parse(url, NO_NAME_SERVICE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--url");
    }
}
