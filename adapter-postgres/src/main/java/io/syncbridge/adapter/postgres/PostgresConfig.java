package io.syncbridge.adapter.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * How to reach PostgreSQL and size the pool: the JDBC URL, credentials, the schema the adapter's
 * tables live in, and the pool's limits and timeouts. Build one with {@link #fromUrl} and adjust
 * it with the {@code with…} methods.
 *
 * @param jdbcUrl                a {@code jdbc:postgresql://…} URL
 * @param user                   the login role, or null to take it from the URL's own parameters
 * @param password               the password, or null for none (trust or URL parameters)
 * @param schema                 where the tables live; Flyway creates it when missing
 * @param poolSize               the most connections the pool opens
 * @param connectionTimeout      how long a caller waits for a pooled connection before the database counts as down
 * @param statementTimeout       how long one statement may run before it is cancelled
 * @param socketTimeout          how long a read may block on the socket (a silent network); zero for no limit
 * @param idleTimeout            how long an idle connection stays in the pool
 * @param maxLifetime            the age at which a connection is retired
 * @param leakDetectionThreshold how long a connection may be held before a leak is logged; zero turns it off
 * @param probeTimeout           how long the health probe waits for {@code SELECT 1}
 */
public record PostgresConfig(String jdbcUrl, String user, String password, String schema, int poolSize,
                             Duration connectionTimeout, Duration statementTimeout, Duration socketTimeout,
                             Duration idleTimeout, Duration maxLifetime, Duration leakDetectionThreshold,
                             Duration probeTimeout) {

    public static final String DEFAULT_SCHEMA = "public";

    // Unquoted identifiers only: the name goes into search_path and Flyway without quoting games.
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public PostgresConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:");
        }
        Objects.requireNonNull(schema, "schema");
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema must be a lower-case identifier ([a-z_][a-z0-9_]*), got: " + schema);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, got: " + poolSize);
        }
        positive("connectionTimeout", connectionTimeout);
        positive("statementTimeout", statementTimeout);
        notNegative("socketTimeout", socketTimeout);
        notNegative("idleTimeout", idleTimeout);
        notNegative("maxLifetime", maxLifetime);
        notNegative("leakDetectionThreshold", leakDetectionThreshold);
        positive("probeTimeout", probeTimeout);
        user = blankToNull(user);
        password = blankToNull(password);
    }

    /**
     * A configuration with the default pool settings for a URL in either form:
     * {@code postgres://user:password@host:port/database?params} (also {@code postgresql://}) or
     * {@code jdbc:postgresql://host:port/database?params}. A non-blank {@code user} or
     * {@code password} given here wins over the one in the URL.
     */
    public static PostgresConfig fromUrl(String url, String user, String password) {
        Objects.requireNonNull(url, "url");
        String trimmed = url.trim();
        String jdbcUrl;
        String urlUser = null;
        String urlPassword = null;
        if (trimmed.startsWith("jdbc:postgresql:")) {
            jdbcUrl = trimmed;
        } else if (trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://")) {
            String rest = trimmed.substring(trimmed.indexOf("://") + 3);
            int slash = rest.indexOf('/');
            String authority = slash < 0 ? rest : rest.substring(0, slash);
            String pathAndQuery = slash < 0 ? "/" : rest.substring(slash);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                String userInfo = authority.substring(0, at);
                authority = authority.substring(at + 1);
                int colon = userInfo.indexOf(':');
                urlUser = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                urlPassword = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            }
            if (authority.isEmpty()) {
                throw new IllegalArgumentException("database URL names no host: " + redact(trimmed));
            }
            jdbcUrl = "jdbc:postgresql://" + authority + pathAndQuery;
        } else {
            throw new IllegalArgumentException(
                    "database URL must look like postgres://user:password@host:5432/database or "
                            + "jdbc:postgresql://host:5432/database, got: " + redact(trimmed));
        }
        String chosenUser = blankToNull(user) != null ? user : urlUser;
        String chosenPassword = blankToNull(password) != null ? password : urlPassword;
        // Short enough that a black-holed database fails a call in seconds, not minutes; the socket
        // time-out outlasts the statement time-out so that a slow statement is cancelled cleanly first.
        return new PostgresConfig(jdbcUrl, chosenUser, chosenPassword, DEFAULT_SCHEMA, 10, Duration.ofSeconds(3),
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofMinutes(30),
                Duration.ofSeconds(30), Duration.ofSeconds(1));
    }

    public PostgresConfig withSchema(String newSchema) {
        return with(fields -> fields.schema = newSchema);
    }

    public PostgresConfig withPoolSize(int newPoolSize) {
        return with(fields -> fields.poolSize = newPoolSize);
    }

    public PostgresConfig withConnectionTimeout(Duration timeout) {
        return with(fields -> fields.connectionTimeout = timeout);
    }

    public PostgresConfig withStatementTimeout(Duration timeout) {
        return with(fields -> fields.statementTimeout = timeout);
    }

    public PostgresConfig withSocketTimeout(Duration timeout) {
        return with(fields -> fields.socketTimeout = timeout);
    }

    public PostgresConfig withIdleTimeout(Duration timeout) {
        return with(fields -> fields.idleTimeout = timeout);
    }

    public PostgresConfig withMaxLifetime(Duration lifetime) {
        return with(fields -> fields.maxLifetime = lifetime);
    }

    public PostgresConfig withLeakDetectionThreshold(Duration threshold) {
        return with(fields -> fields.leakDetectionThreshold = threshold);
    }

    public PostgresConfig withProbeTimeout(Duration timeout) {
        return with(fields -> fields.probeTimeout = timeout);
    }

    /** This configuration with one field replaced: every {@code with…} method goes through here. */
    private PostgresConfig with(Consumer<Fields> change) {
        Fields fields = new Fields(this);
        change.accept(fields);
        return fields.build();
    }

    /** The fields of a configuration by name, copied from one and changed one at a time. */
    private static final class Fields {
        String jdbcUrl;
        String user;
        String password;
        String schema;
        int poolSize;
        Duration connectionTimeout;
        Duration statementTimeout;
        Duration socketTimeout;
        Duration idleTimeout;
        Duration maxLifetime;
        Duration leakDetectionThreshold;
        Duration probeTimeout;

        Fields(PostgresConfig from) {
            jdbcUrl = from.jdbcUrl;
            user = from.user;
            password = from.password;
            schema = from.schema;
            poolSize = from.poolSize;
            connectionTimeout = from.connectionTimeout;
            statementTimeout = from.statementTimeout;
            socketTimeout = from.socketTimeout;
            idleTimeout = from.idleTimeout;
            maxLifetime = from.maxLifetime;
            leakDetectionThreshold = from.leakDetectionThreshold;
            probeTimeout = from.probeTimeout;
        }

        PostgresConfig build() {
            return new PostgresConfig(jdbcUrl, user, password, schema, poolSize, connectionTimeout, statementTimeout,
                    socketTimeout, idleTimeout, maxLifetime, leakDetectionThreshold, probeTimeout);
        }
    }

    @Override
    public String toString() {
        return "PostgresConfig[jdbcUrl=" + redact(jdbcUrl) + ", user=" + user + ", password="
                + (password == null ? "none" : "***") + ", schema=" + schema + ", poolSize=" + poolSize
                + ", connectionTimeout=" + connectionTimeout + ", statementTimeout=" + statementTimeout
                + ", socketTimeout=" + socketTimeout + ", idleTimeout=" + idleTimeout + ", maxLifetime="
                + maxLifetime + ", leakDetectionThreshold=" + leakDetectionThreshold + ", probeTimeout="
                + probeTimeout + "]";
    }

    /** The URL with any password (user-info or {@code password=} parameter) masked, for messages and logs. */
    static String redact(String url) {
        return url.replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got: " + value);
        }
    }

    private static void notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got: " + value);
        }
    }
}
