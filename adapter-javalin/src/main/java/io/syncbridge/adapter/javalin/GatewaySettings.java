package io.syncbridge.adapter.javalin;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the gateway needs to know about its deployment: where it listens and the limits of
 * the WebSocket and REST surfaces (the app fills it from the environment). {@code sendQueueCapacity}
 * bounds an event stream's queue in events; {@code sendQueueBytes} bounds a WebSocket connection's
 * send queue in bytes. Built with {@link #builder()}, which starts from {@link #DEFAULT}.
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

    /** The defaults, to change what differs. */
    public static Builder builder() {
        return DEFAULT.toBuilder();
    }

    /** These settings, to change what differs. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public GatewaySettings withPort(int newPort) {
        return toBuilder().port(newPort).build();
    }

    /** Settings by name rather than by position: each setter replaces one value. */
    public static final class Builder {
        private String host;
        private int port;
        private int maxMessageBytes;
        private int wsMessagesPerMinute;
        private int maxConnectionsPerIp;
        private Duration heartbeatInterval;
        private Duration heartbeatTimeout;
        private List<String> corsOrigins;
        private int restRequestsPerMinute;
        private String version;
        private int sendQueueCapacity;
        private long sendQueueBytes;

        private Builder(GatewaySettings from) {
            host = from.host;
            port = from.port;
            maxMessageBytes = from.maxMessageBytes;
            wsMessagesPerMinute = from.wsMessagesPerMinute;
            maxConnectionsPerIp = from.maxConnectionsPerIp;
            heartbeatInterval = from.heartbeatInterval;
            heartbeatTimeout = from.heartbeatTimeout;
            corsOrigins = from.corsOrigins;
            restRequestsPerMinute = from.restRequestsPerMinute;
            version = from.version;
            sendQueueCapacity = from.sendQueueCapacity;
            sendQueueBytes = from.sendQueueBytes;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder maxMessageBytes(int value) {
            maxMessageBytes = value;
            return this;
        }

        public Builder wsMessagesPerMinute(int value) {
            wsMessagesPerMinute = value;
            return this;
        }

        public Builder maxConnectionsPerIp(int value) {
            maxConnectionsPerIp = value;
            return this;
        }

        public Builder heartbeatInterval(Duration value) {
            heartbeatInterval = value;
            return this;
        }

        public Builder heartbeatTimeout(Duration value) {
            heartbeatTimeout = value;
            return this;
        }

        public Builder corsOrigins(List<String> value) {
            corsOrigins = value;
            return this;
        }

        public Builder restRequestsPerMinute(int value) {
            restRequestsPerMinute = value;
            return this;
        }

        public Builder version(String value) {
            version = value;
            return this;
        }

        public Builder sendQueueCapacity(int value) {
            sendQueueCapacity = value;
            return this;
        }

        public Builder sendQueueBytes(long value) {
            sendQueueBytes = value;
            return this;
        }

        public GatewaySettings build() {
            return new GatewaySettings(host, port, maxMessageBytes, wsMessagesPerMinute, maxConnectionsPerIp,
                    heartbeatInterval, heartbeatTimeout, corsOrigins, restRequestsPerMinute, version,
                    sendQueueCapacity, sendQueueBytes);
        }
    }
}
