package io.syncbridge.app;

import io.syncbridge.adapter.jwt.JwtAccessTokens;
import io.syncbridge.adapter.postgres.PostgresDatabase;
import io.syncbridge.adapter.postgres.QueryObserver;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.AccessTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line: {@code serve} (the default), {@code token}, {@code checktoken}, {@code version}, {@code genconfig},
 * {@code migrate}, {@code bench}.
 */
public final class Main {

    public static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: java -jar syncbridge.jar [command]

              serve      run the server (default); configured by environment variables,
                         see docs/configuration.md
              token      --user USER --session SESSION --device DEVICE [--ttl 1h]
                         print a session-scoped token signed with the configured key
                         (needs JWT_SECRET or JWT_SIGNING_KEY_FILE)
              checktoken TOKEN | -
                         verify a token with the configured keys and print its claims and
                         what it may reach (- reads it from standard input)
              version    print the version
              genconfig  print every variable with its default and meaning, as an env file
              migrate    apply the database schema (needs DATABASE_URL)
              bench      ceiling|cost --redis HOST:PORT: Redis's own rate for the commit script
                         and the cost of one change at 1 and 100 KiB of state (see
                         syncbridge-bench/README.md for the whole load benchmark)
                         load --url URL [--rate N --seconds S --sessions N --devices N]:
                         the load generator against a running server on this machine;
                         prints delivery p50/p99, deliveries lost and the rate held
              help       print this text
            """;

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        if (code != OK) {
            System.exit(code);
        }
    }

    /** Runs a command; returns the exit code ({@code serve} returns once the server has stopped). */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "serve" : args[0];
        String[] rest = args.length == 0 ? new String[0] : java.util.Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (command) {
                case "serve" -> serve(env, err);
                case "token" -> token(rest, env, out, err);
                case "version", "--version", "-v" -> {
                    out.println("syncbridge " + version());
                    yield OK;
                }
                case "migrate" -> migrate(env, out, err);
                case "bench" -> Bench.run(rest, env, out, err);
                case "checktoken" -> CheckToken.run(rest, System.in, Config.from(env), out, err);
                case "genconfig" -> {
                    out.print(GenConfig.envFile(Config.variables(), GenConfig.documentedMeanings()));
                    yield OK;
                }
                case "help", "--help", "-h" -> {
                    out.print(USAGE_TEXT);
                    yield OK;
                }
                default -> {
                    err.println("syncbridge: unknown command '" + command + "'");
                    err.print(USAGE_TEXT);
                    yield USAGE;
                }
            };
        } catch (ConfigException e) {
            err.println("syncbridge: configuration error:");
            e.problems().forEach(p -> err.println("  " + p));
            return USAGE;
        }
    }

    private static int serve(Map<String, String> env, PrintStream err) {
        Config config = Config.from(env);
        Logging.configure(config.logLevel(), config.logFormat());
        Logger log = LoggerFactory.getLogger(Main.class);
        Application application;
        try {
            application = Wiring.start(config, version());
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("SyncBridge failed to start", e);
            err.println("syncbridge: failed to start: " + e.getMessage());
            return FAILED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(application::stop, "syncbridge-shutdown"));
        try {
            application.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            application.stop();
        }
        return OK;
    }

    /** Mints a session-scoped dev token with the configured key (a generated secret would be useless). */
    private static int token(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Map<String, String> options = options(args);
        if (options == null || !options.keySet().containsAll(List.of("user", "session", "device"))) {
            err.println("syncbridge token: --user, --session and --device are required");
            err.print(USAGE_TEXT);
            return USAGE;
        }
        Config config = Config.from(env);
        if (config.jwt().generatedSecret()) {
            err.println("syncbridge token: set JWT_SECRET (or JWT_SIGNING_KEY_FILE) to the server's key; "
                    + "a token signed with a random secret would be refused by the server");
            return USAGE;
        }
        Duration ttl = config.jwt().accessTokenTtl();
        if (options.containsKey("ttl")) {
            ttl = EnvValues.duration(options.get("ttl"));
            if (ttl == null || ttl.isZero()) {
                err.println("syncbridge token: --ttl expects a duration such as 15m, 12h or 7d");
                return USAGE;
            }
        }
        Config.Jwt jwt = new Config.Jwt(config.jwt().secret(), config.jwt().allowShortSecret(),
                config.jwt().signingKeyFile(), config.jwt().verificationKeyFiles(), config.jwt().jwksUrl(),
                config.jwt().jwksIssuer(), config.jwt().issuer(), config.jwt().audience(), ttl);
        JwtAccessTokens tokens = AccessTokenSetup.create(jwt, Clock.systemUTC()).tokens();
        try {
            UserId user = new UserId(options.get("user"));
            AccessTokens.Issued issued = tokens.issueSessionToken(user,
                    SessionId.scoped(user, options.get("session")), new DeviceId(options.get("device")));
            out.println(issued.token());
            return OK;
        } catch (SyncError.ValidationFailed e) {
            err.println("syncbridge token: " + e.getMessage());
            return USAGE;
        }
    }

    private static int migrate(Map<String, String> env, PrintStream out, PrintStream err) {
        Config config = Config.from(env);
        if (config.databaseUrl().isEmpty()) {
            out.println("syncbridge migrate: DATABASE_URL is not set; in memory there is no schema to migrate");
            return OK;
        }
        try (PostgresDatabase database = Backends.openDatabase(config, QueryObserver.NONE)) {
            int applied = database.migrate();
            out.println("syncbridge migrate: " + applied + " migration(s) applied to " + database.config());
            return OK;
        } catch (SyncError.DependencyDown e) {
            err.println("syncbridge migrate: " + e.getMessage());
            return FAILED;
        }
    }

    /** {@code --name value} pairs; null when malformed. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                return null;
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    /** The version the jar was built as ({@code dev} when run from classes). */
    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "dev");
            return version.startsWith("${") ? "dev" : version;
        } catch (IOException e) {
            return "dev";
        }
    }
}
