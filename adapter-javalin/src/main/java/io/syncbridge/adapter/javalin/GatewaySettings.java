package io.syncbridge.adapter.javalin;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the gateway needs to know about its deployment: where it listens and the limits of
 * the WebSocket and REST surfaces (the app fills it from the environment). {@code sendQueueCapacity}
 * bounds an event stream's queue in events; {@code sendQueueBytes} bounds a WebSocket connection's
 * send queue in bytes.
 */
public record GatewaySettings(String host, int port, int maxMessageBytes, int wsMessagesPerMinute,
                              int maxConnectionsPerIp, Duration heartbeatInterval, Duration heartbeatTimeout,
                              List<String> corsOrigins, int restRequestsPerMinute, String version,
                              int sendQueueCapacity, long sendQueueBytes) {

    public static final GatewaySettings DEFAULT = new GatewaySettings("0.0.0.0", 8080, 524_288, 100, 256,
            Duration.ofSeconds(30), Duration.ofSeconds(60), List.of(), 600, "dev", 1_024, 8L << 20);

    public GatewaySettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
        corsOrigins = List.copyOf(corsOrigins);
        Objects.requireNonNull(version, "version");
    }

    public GatewaySettings withPort(int newPort) {
        return new GatewaySettings(host, newPort, maxMessageBytes, wsMessagesPerMinute, maxConnectionsPerIp,
                heartbeatInterval, heartbeatTimeout, corsOrigins, restRequestsPerMinute, version, sendQueueCapacity,
                sendQueueBytes);
    }
}
