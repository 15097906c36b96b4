package io.syncbridge.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LoadOptionsTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes!";

    private static LoadOptions parse(String... args) {
        return LoadOptions.parse(List.of(args), Map.of());
    }

    @Test
    void readsTheDocumentedCommandLine() {
        LoadOptions options = parse("--url", "http://127.0.0.1:8080", "--secret", SECRET, "--sessions", "50",
                "--devices", "3", "--duration", "30s", "--rate", "20");

        assertThat(options.target().httpBase()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(new String(options.secret(), StandardCharsets.UTF_8)).isEqualTo(SECRET);
        assertThat(options.sessions()).isEqualTo(50);
        assertThat(options.devices()).isEqualTo(3);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.rate()).isEqualTo(20.0);
        assertThat(options.protocol()).isEqualTo(LoadOptions.Protocol.V1);
        assertThat(options.sendInterval()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void writersAreTheFirstDevicesOfEachSessionAndDefaultToAll() {
        assertThat(parse("--secret", SECRET, "--devices", "5").writers()).isEqualTo(5);
        assertThat(parse("--secret", SECRET, "--devices", "5", "--writers", "1").writers()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> parse("--secret", SECRET, "--devices", "3", "--writers", "4"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--writers");
    }

    @Test
    void usesTheNioClientAndTheScannerUnlessToldOtherwise() {
        assertThat(parse("--secret", SECRET).client()).isEqualTo(WebSocketClient.Kind.NIO);
        assertThat(parse("--secret", SECRET).receive()).isEqualTo(LoadOptions.Receive.SCAN);
        LoadOptions jdk = parse("--secret", SECRET, "--client", "jdk", "--receive", "TREE");
        assertThat(jdk.client()).isEqualTo(WebSocketClient.Kind.JDK);
        assertThat(jdk.receive()).isEqualTo(LoadOptions.Receive.TREE);
        assertThatThrownBy(() -> parse("--secret", SECRET, "--client", "netty"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--client must be one of [jdk, nio]");
    }

    @Test
    void fillsDefaultsAndTakesTheSecretFromJwtSecret() {
        LoadOptions options = LoadOptions.parse(List.of(), Map.of("JWT_SECRET", SECRET));

        assertThat(options.target().httpBase()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(options.sessions()).isEqualTo(50);
        assertThat(options.devices()).isEqualTo(3);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.rate()).isEqualTo(20.0);
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.valueBytes()).isEqualTo(32);
    }

    @Test
    void acceptsNameEqualsValueAndTheV2Protocol() {
        LoadOptions options = parse("--secret=" + SECRET, "--protocol=v2", "--rate=2.5", "--warmup=0s",
                "--value-bytes=0");

        assertThat(options.protocol()).isEqualTo(LoadOptions.Protocol.V2);
        assertThat(options.rate()).isEqualTo(2.5);
        assertThat(options.sendInterval()).isEqualTo(Duration.ofMillis(400));
        assertThat(options.warmup()).isZero();
        assertThat(options.valueBytes()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "2m, PT2M", "1h, PT1H", "45, PT45S", "1H, PT1H"})
    void readsDurations(String text, Duration expected) {
        assertThat(LoadOptions.duration(text, "duration")).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast", "-5s", "1.5s", "10d", "s"})
    void refusesWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> LoadOptions.duration(text, "duration"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--duration must be a duration");
    }

    @Test
    void watchesTheServerOnlyWhenGivenTheIdOfARunningProcess() {
        long self = ProcessHandle.current().pid();

        assertThat(parse("--secret", SECRET).measuresServer()).isFalse();
        LoadOptions watched = parse("--secret", SECRET, "--server-pid", Long.toString(self));
        assertThat(watched.measuresServer()).isTrue();
        assertThat(watched.serverPid()).isEqualTo(self);
        assertThatThrownBy(() -> parse("--secret", SECRET, "--server-pid", "999999999"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--server-pid");
        assertThatThrownBy(() -> parse("--secret", SECRET, "--server-pid", "java"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number");
    }

    @Test
    void refusesARunWithoutASecret() {
        assertThatThrownBy(() -> parse("--sessions", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--secret (or JWT_SECRET) is required");
    }

    @Test
    void refusesASecretTheServerWouldRefuse() {
        assertThatThrownBy(() -> parse("--secret", "short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void refusesANonLoopbackUrlBeforeAnythingElse() {
        assertThatThrownBy(() -> parse("--secret", SECRET, "--url", "http://10.1.2.3:8080"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refusing to load 10.1.2.3");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--devices|6|--devices must be 1 to 5",
            "--devices|0|--devices must be 1 to 5",
            "--sessions|0|--sessions must be 1 to 10000",
            "--duration|2h|--duration must be more than 0 and at most 1h",
            "--duration|0s|--duration must be more than 0 and at most 1h",
            "--rate|0|--rate must be more than 0",
            "--rate|NaN|--rate must be a number",
            "--sessions|many|--sessions must be a whole number",
            "--warmup|30s|--warmup must be shorter than --duration",
            "--protocol|v3|--protocol must be v1 or v2",
            "--value-bytes|-1|--value-bytes must be 0 to 65536"})
    void refusesOutOfRangeValues(String option, String value, String message) {
        assertThatThrownBy(() -> parse("--secret", SECRET, option, value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesUnknownRepeatedAndIncompleteOptions() {
        assertThatThrownBy(() -> parse("--secret", SECRET, "--target", "x"))
                .hasMessageContaining("unknown option --target");
        assertThatThrownBy(() -> parse("--secret", SECRET, "--rate", "1", "--rate", "2"))
                .hasMessageContaining("--rate given twice");
        assertThatThrownBy(() -> parse("--secret", SECRET, "--rate"))
                .hasMessageContaining("--rate needs a value");
        assertThatThrownBy(() -> parse("--secret", SECRET, "fast"))
                .hasMessageContaining("unexpected argument fast");
    }

    @Test
    void neverPrintsTheSecret() {
        assertThat(parse("--secret", SECRET).toString()).doesNotContain(SECRET);
    }

    @Test
    void aCallerThatMintsTheTokensGivesNoSecretAndMayNotPassOne() {
        LoadOptions options = LoadOptions.parseWithoutSecret(List.of("--sessions", "2", "--devices", "2"));

        assertThat(options.secret()).isNull();
        assertThat(options.sessions()).isEqualTo(2);
        assertThatThrownBy(() -> LoadOptions.parseWithoutSecret(List.of("--secret", SECRET)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minted by the caller");
    }
}
