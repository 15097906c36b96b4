package io.syncbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON log line: one object, only fields with a value, the request id and the stack trace when there are. */
class CompactJsonEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LoggerContext context = new LoggerContext();
    private final CompactJsonEncoder encoder = new CompactJsonEncoder();

    private String encode(LoggingEvent event) {
        encoder.setContext(context);
        encoder.start();
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    private LoggingEvent event(String message, Throwable thrown, Object... arguments) {
        return event(Map.of(), message, thrown, arguments);
    }

    private LoggingEvent event(Map<String, String> mdc, String message, Throwable thrown, Object... arguments) {
        LoggingEvent event = new LoggingEvent("test", context.getLogger("io.syncbridge.Example"), Level.WARN, message,
                thrown, arguments);
        event.setThreadName("worker-1");
        event.setTimeStamp(1_764_680_400_123L);
        event.setMDCPropertyMap(mdc);
        return event;
    }

    @Test
    void writesOneLineWithOnlyTheFieldsThatHaveAValue() throws Exception {
        String line = encode(event("session {} opened", null, "s-1"));

        assertThat(line).endsWith("}\n").doesNotContain("\n{").hasLineCount(1);
        JsonNode json = JSON.readTree(line);
        assertThat(json.properties()).extracting(Map.Entry::getKey)
                .containsExactly("time", "level", "logger", "thread", "message");
        assertThat(json.get("time").asText()).isEqualTo("2025-12-02T13:00:00.123Z");
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("message").asText()).isEqualTo("session s-1 opened");
        assertThat(line).doesNotContain("null").doesNotContain("{}");
    }

    @Test
    void carriesTheRequestIdAndTheStackTraceWhenThereAreSome() throws Exception {
        LoggingEvent event = event(Map.of("requestId", "r-42"), "failed",
                new IllegalStateException("broken \"quote\"\n next"));

        JsonNode json = JSON.readTree(encode(event));

        assertThat(json.get("requestId").asText()).isEqualTo("r-42");
        assertThat(json.get("error").asText()).startsWith("java.lang.IllegalStateException: broken \"quote\"\n next")
                .contains("at io.syncbridge.app.CompactJsonEncoderTest");
    }

    @Test
    void escapesControlCharactersSoTheLineStaysOneJsonObject() throws Exception {
        String line = encode(event("tab\there, bell\u0007, backslash \\ and \"quotes\"", null));

        assertThat(line).hasLineCount(1);
        assertThat(JSON.readTree(line).get("message").asText())
                .isEqualTo("tab\there, bell\u0007, backslash \\ and \"quotes\"");
    }

    @Test
    void autoMeansTextOnATerminalAndJsonElsewhere() {
        assertThat(Logging.resolve("auto", true)).isEqualTo("text");
        assertThat(Logging.resolve("auto", false)).isEqualTo("json");
        assertThat(Logging.resolve("json", true)).isEqualTo("json");
        assertThat(Logging.resolve("text", false)).isEqualTo("text");
    }
}
