package io.syncbridge.app;

import io.syncbridge.application.LoginLimits;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The server's configuration, read from environment variables. Every variable has a default
 * that works on a bare machine (in memory, port 8080); a bad value stops start-up with a message
 * naming the variable and what it expects, and all such problems are reported at once.
 */
public record Config(String host, int port,
                     Optional<String> redisAddr, Optional<Secret> redisPassword, List<String> redisCluster, int redisPoolSize,
                     String redisKeyPrefix,
                     Optional<String> databaseUrl, Optional<String> databaseUser, Optional<Secret> databasePassword,
                     String databaseSchema, boolean migrateOnStart, Duration checkpointInterval, Path outboxSpillDir,
                     Optional<String> rabbitmqUrl,
                     String rabbitmqExchange, Jwt jwt, String logLevel, String logFormat,
                     Duration sessionTtl, Duration snapshotTtl, int maxDevices, int maxMessageBytes,
                     EnvValues.Rate wsRateLimit, int wsMaxConnectionsPerIp, Duration heartbeatInterval,
                     Duration heartbeatTimeout, List<String> corsOrigins, EnvValues.Rate restRateLimit,
                     Optional<ConsoleLogin> console, Limits limits) {

    /**
     * The resource limits: the HTTP edge's time-outs and per-address connection cap, the quotas of
     * one account, the password-hashing pool, and the PostgreSQL time-outs (see docs/security.md).
     */
    public record Limits(Duration httpHeaderTimeout, Duration httpIdleTimeout, int httpMaxConnectionsPerIp,
                         int sessionsPerUser, int snapshotsPerSession, long storedBytesPerUser,
                         int passwordHashThreads, int passwordHashQueue, Duration databaseConnectTimeout,
                         Duration databaseStatementTimeout, Duration databaseSocketTimeout) {
    }

    /** The operator's credential for the live console ({@code /console}); no console without it. */
    public record ConsoleLogin(String user, Secret password) {
    }

    /** How access tokens are signed and verified. */
    public record Jwt(Optional<Secret> secret, boolean allowShortSecret, Optional<Path> signingKeyFile,
                      List<Path> verificationKeyFiles, Optional<URL> jwksUrl, Optional<String> jwksIssuer,
                      Optional<String> issuer, Optional<String> audience, Duration accessTokenTtl) {

        /** Neither a secret nor key files: the server makes up a secret that dies with it. */
        public boolean generatedSecret() {
            return secret.isEmpty() && signingKeyFile.isEmpty();
        }
    }

    static final int MIN_SECRET_BYTES = 32;

    /** The configuration of this process's environment. */
    public static Config fromEnvironment() {
        return from(System.getenv());
    }

    /** Reads and checks every variable; throws ConfigException listing every problem found. */
    public static Config from(Map<String, String> env) {
        return read(new Reader(env));
    }

    /** One variable the configuration reads: its name, its default ("" when unset) and the values it takes. */
    record Variable(String name, String fallback, String expected) {
    }

    /** Every variable the configuration reads, in the order it reads them, with its default. */
    static List<Variable> variables() {
        Reader in = new Reader(Map.of());
        read(in);
        return List.copyOf(in.variables.values());
    }

    private static Config read(Reader in) {
        EnvValues.Address address = in.parse("SERVER_ADDR", ":8080",
                "[host]:port with a port from 0 to 65535, e.g. :8080 or 127.0.0.1:9000", EnvValues::address);
        Optional<String> redisAddr = in.optional("REDIS_ADDR").map(v -> in.check("REDIS_ADDR", v,
                "host:port or a redis:// URL, e.g. 127.0.0.1:6379", Config::isRedisAddress));
        List<String> redisCluster = in.list("REDIS_CLUSTER").stream().map(v -> in.check("REDIS_CLUSTER", v,
                "comma-separated host:port seed nodes, e.g. 10.0.0.1:7000,10.0.0.2:7000",
                Config::isHostPort)).toList();
        if (redisAddr.isPresent() && !redisCluster.isEmpty()) {
            in.problem("REDIS_ADDR / REDIS_CLUSTER: set one of them, not both");
        }
        int redisPoolSize = in.integer("REDIS_POOL_SIZE", 32, 1, 4_096);
        String redisKeyPrefix = in.check("REDIS_KEY_PREFIX", in.optional("REDIS_KEY_PREFIX").orElse("sb:"),
                "a key prefix without braces or spaces, e.g. sb: or staging:sb:",
                p -> !p.isEmpty() && p.chars().noneMatch(c -> c == '{' || c == '}' || Character.isWhitespace(c)));
        Optional<String> databaseUrl = in.optional("DATABASE_URL").map(v -> in.check("DATABASE_URL", v,
                "a PostgreSQL URL: jdbc:postgresql://host:5432/db or postgres://user:pass@host:5432/db",
                u -> u.startsWith("jdbc:postgresql://") || u.startsWith("postgres://")
                        || u.startsWith("postgresql://")));
        Optional<String> rabbitUrl = in.optional("RABBITMQ_URL").map(v -> in.check("RABBITMQ_URL", v,
                "an AMQP URL, e.g. amqp://guest:guest@127.0.0.1:5672/", u -> u.startsWith("amqp://")
                        || u.startsWith("amqps://")));
        String rabbitExchange = in.parse("RABBITMQ_EXCHANGE", "syncbridge.events",
                "an exchange name of 1 to 255 letters, digits and - _ . :",
                v -> v.matches("[A-Za-z0-9_.:-]{1,255}") ? v : null);
        String databaseSchema = in.parse("DATABASE_SCHEMA", "public", "a schema name of letters, digits and _",
                v -> v.matches("[A-Za-z_][A-Za-z0-9_]{0,62}") ? v : null);
        boolean migrateOnStart = in.parse("DATABASE_MIGRATE", "true", "true or false", EnvValues::flag);
        Duration checkpointInterval = in.parse("CHECKPOINT_INTERVAL", "1s", "a duration from 10ms to 1h, e.g. 1s", v -> {
            Duration d = EnvValues.duration(v);
            return d != null && d.compareTo(Duration.ofMillis(10)) >= 0 && d.compareTo(Duration.ofHours(1)) <= 0 ? d : null;
        });
        Path outboxSpillDir = in.parse("OUTBOX_SPILL_DIR", System.getProperty("java.io.tmpdir") + "/syncbridge-outbox-spill",
                "a directory path", v -> v.isBlank() ? null : Path.of(v));
        Jwt jwt = jwt(in);
        String logLevel = in.parse("LOG_LEVEL", "info", "one of trace, debug, info, warn, error", v -> {
            String level = v.trim().toLowerCase(Locale.ROOT);
            return List.of("trace", "debug", "info", "warn", "error").contains(level) ? level : null;
        });
        String logFormat = in.parse("LOG_FORMAT", "auto", "auto, json or text", v -> {
            String format = v.trim().toLowerCase(Locale.ROOT);
            return List.of("auto", "json", "text").contains(format) ? format : null;
        });
        Duration sessionTtl = in.positiveDuration("SESSION_TTL", "7d");
        Duration snapshotTtl = in.positiveDuration("SNAPSHOT_TTL", "7d");
        int maxDevices = in.integer("MAX_DEVICES", 5, 1, 100);
        int maxMessageBytes = in.integer("MAX_MESSAGE_BYTES", 524_288, 1_024, 64 * 1_024 * 1_024);
        EnvValues.Rate wsRate = in.rate("WS_RATE_LIMIT", "100/min");
        int perIp = in.integer("WS_MAX_CONNECTIONS_PER_IP", 256, 1, 1_000_000);
        Duration heartbeatInterval = in.positiveDuration("HEARTBEAT_INTERVAL", "30s");
        Duration heartbeatTimeout = in.positiveDuration("HEARTBEAT_TIMEOUT", "60s");
        if (heartbeatInterval != null && heartbeatTimeout != null && heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
            in.problem("HEARTBEAT_TIMEOUT: expected a duration longer than HEARTBEAT_INTERVAL ("
                    + heartbeatInterval.toSeconds() + " s), got " + heartbeatTimeout.toSeconds() + " s");
        }
        List<String> cors = in.list("CORS_ORIGINS").stream().map(v -> in.check("CORS_ORIGINS", v,
                "comma-separated origins such as https://app.example.com, or *", Config::isOrigin)).toList();
        EnvValues.Rate restRate = in.rate("REST_RATE_LIMIT", "600/min");
        Optional<ConsoleLogin> console = console(in);
        Limits limits = limits(in);
        in.failIfAny();
        return new Config(address.host(), address.port(), redisAddr, in.optional("REDIS_PASSWORD").map(Secret::new),
                redisCluster, redisPoolSize, redisKeyPrefix, databaseUrl, in.optional("DATABASE_USER"),
                in.optional("DATABASE_PASSWORD").map(Secret::new), databaseSchema, migrateOnStart, checkpointInterval,
                outboxSpillDir, rabbitUrl,
                rabbitExchange, jwt, logLevel, logFormat, sessionTtl,
                snapshotTtl, maxDevices, maxMessageBytes, wsRate, perIp, heartbeatInterval, heartbeatTimeout, cors,
                restRate, console, limits);
    }

    private static Limits limits(Reader in) {
        Duration headerTimeout = in.positiveDuration("HTTP_HEADER_TIMEOUT", "10s");
        Duration idleTimeout = in.positiveDuration("HTTP_IDLE_TIMEOUT", "65s");
        int perIp = in.integer("HTTP_MAX_CONNECTIONS_PER_IP", 1_024, 0, 1_000_000);
        int sessions = in.integer("QUOTA_SESSIONS_PER_USER", 1_000, 1, 1_000_000);
        int snapshots = in.integer("QUOTA_SNAPSHOTS_PER_SESSION", 50, 1, 100_000);
        long bytes = in.parse("QUOTA_STORED_BYTES_PER_USER", Long.toString(64L * 1024 * 1024),
                "a whole number of bytes of at least 1024", v -> {
                    try {
                        long n = Long.parseLong(v.trim());
                        return n >= 1_024 ? n : null;
                    } catch (NumberFormatException e) {
                        return null;
                    }
                });
        int hashThreads = in.integer("PASSWORD_HASH_THREADS",
                LoginLimits.defaultThreads(), 1, 256);
        int hashQueue = in.integer("PASSWORD_HASH_QUEUE", 8, 0, 10_000);
        Duration connect = in.positiveDuration("DATABASE_CONNECT_TIMEOUT", "3s");
        Duration statement = in.positiveDuration("DATABASE_STATEMENT_TIMEOUT", "5s");
        Duration socket = in.positiveDuration("DATABASE_SOCKET_TIMEOUT", "10s");
        if (statement != null && socket != null && socket.compareTo(statement) <= 0) {
            in.problem("DATABASE_SOCKET_TIMEOUT: expected a duration longer than DATABASE_STATEMENT_TIMEOUT ("
                    + statement.toMillis() + " ms), got " + socket.toMillis() + " ms");
        }
        return new Limits(headerTimeout, idleTimeout, perIp, sessions, snapshots, bytes, hashThreads, hashQueue,
                connect, statement, socket);
    }

    /** CONSOLE_USER and CONSOLE_PASSWORD: both or neither (then the console is off). */
    private static Optional<ConsoleLogin> console(Reader in) {
        Optional<String> user = in.optional("CONSOLE_USER");
        Optional<String> password = in.optional("CONSOLE_PASSWORD");
        if (user.isPresent() != password.isPresent()) {
            in.problem("CONSOLE_USER / CONSOLE_PASSWORD: set both to enable the console, or neither");
            return Optional.empty();
        }
        if (user.isPresent() && user.get().contains(":")) {
            in.problem("CONSOLE_USER: expected a user name without ':' (HTTP Basic cannot carry one)");
        }
        if (password.isPresent() && password.get().length() < 12) {
            in.problem("CONSOLE_PASSWORD: expected at least 12 characters, got " + password.get().length());
        }
        return user.map(u -> new ConsoleLogin(u, new Secret(password.get())));
    }

    private static Jwt jwt(Reader in) {
        boolean allowShort = in.parse("JWT_ALLOW_SHORT_SECRET", "false", "true or false", EnvValues::flag);
        Optional<Secret> secret = in.optional("JWT_SECRET").map(Secret::new);
        secret.ifPresent(s -> {
            int bytes = s.value().getBytes(StandardCharsets.UTF_8).length;
            if (bytes < MIN_SECRET_BYTES && !allowShort) {
                in.problem("JWT_SECRET: expected at least " + MIN_SECRET_BYTES + " bytes, got " + bytes
                        + " (to keep a legacy v1 secret, also set JWT_ALLOW_SHORT_SECRET=true)");
            }
        });
        Optional<Path> keyFile = in.optional("JWT_SIGNING_KEY_FILE").map(v -> Path.of(v.trim()))
                .map(p -> in.check("JWT_SIGNING_KEY_FILE", p, "a readable PEM file (PKCS#8 private key)",
                        Files::isReadable));
        List<Path> verificationFiles = in.list("JWT_VERIFICATION_KEY_FILES").stream().map(Path::of)
                .map(p -> in.check("JWT_VERIFICATION_KEY_FILES", p, "comma-separated readable PEM public key files",
                        Files::isReadable)).toList();
        if (secret.isPresent() && keyFile.isPresent()) {
            in.problem("JWT_SECRET / JWT_SIGNING_KEY_FILE: set one of them, not both");
        }
        Optional<URL> jwksUrl = in.optional("JWT_JWKS_URL").map(v -> in.check("JWT_JWKS_URL", url(v),
                "an http(s) URL of a JWK Set, e.g. https://idp.example.com/.well-known/jwks.json", u -> u != null));
        Duration ttl = in.parse("JWT_ACCESS_TTL", "15m", "a duration from 1m to 24h, e.g. 15m", v -> {
            Duration d = EnvValues.duration(v);
            return d != null && d.compareTo(Duration.ofMinutes(1)) >= 0 && d.compareTo(Duration.ofHours(24)) <= 0
                    ? d : null;
        });
        return new Jwt(secret, allowShort, keyFile, verificationFiles, jwksUrl, in.optional("JWT_JWKS_ISSUER"),
                in.optional("JWT_ISSUER"), in.optional("JWT_AUDIENCE"), ttl);
    }

    private static URL url(String text) {
        try {
            URI uri = new URI(text.trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                return null;
            }
            return uri.toURL();
        } catch (URISyntaxException | java.net.MalformedURLException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isRedisAddress(String value) {
        return value.startsWith("redis://") || value.startsWith("rediss://") || isHostPort(value);
    }

    private static boolean isHostPort(String value) {
        EnvValues.Address address = EnvValues.address(value);
        return address != null && value.contains(":") && !value.startsWith(":") && address.port() > 0;
    }

    private static boolean isOrigin(String value) {
        if (value.equals("*")) {
            return true;
        }
        URL url = url(value);
        return url != null && (url.getPath().isEmpty() || url.getPath().equals("/")) && url.getQuery() == null;
    }

    /** Reads variables, collecting every problem instead of stopping at the first. */
    private static final class Reader {
        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();
        private final Map<String, Variable> variables = new java.util.LinkedHashMap<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        Optional<String> optional(String name) {
            variables.putIfAbsent(name, new Variable(name, "", ""));
            String value = env.get(name);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        List<String> list(String name) {
            return optional(name).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .toList()).orElse(List.of());
        }

        <T> T parse(String name, String fallback, String expected, Function<String, T> parser) {
            variables.put(name, new Variable(name, fallback, expected));
            String raw = optional(name).orElse(fallback);
            T value = parser.apply(raw);
            if (value == null) {
                problem(name + ": expected " + expected + ", got '" + raw + "'");
                return parser.apply(fallback);
            }
            return value;
        }

        <T> T check(String name, T value, String expected, java.util.function.Predicate<T> valid) {
            if (value == null || !valid.test(value)) {
                problem(name + ": expected " + expected + ", got '" + value + "'");
            }
            return value;
        }

        Duration positiveDuration(String name, String fallback) {
            return parse(name, fallback, "a positive duration such as 30s, 5m, 12h or 7d", v -> {
                Duration d = EnvValues.duration(v);
                return d != null && !d.isZero() ? d : null;
            });
        }

        int integer(String name, int fallback, int min, int max) {
            return parse(name, Integer.toString(fallback), "a whole number from " + min + " to " + max, v -> {
                try {
                    int n = Integer.parseInt(v.trim());
                    return n >= min && n <= max ? n : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            });
        }

        EnvValues.Rate rate(String name, String fallback) {
            return parse(name, fallback, "a rate of at least 1 a minute such as 100/min, 10/s or 5000/hour", v -> {
                EnvValues.Rate rate = EnvValues.rate(v);
                return rate != null && rate.perMinute() >= 1 && rate.perMinute() <= Integer.MAX_VALUE ? rate : null;
            });
        }

        void problem(String message) {
            problems.add(message);
        }

        void failIfAny() {
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
        }
    }
}
