package io.syncbridge.app;

import io.syncbridge.port.out.AccessTokens;
import io.syncbridge.port.out.TokenClaims;
import io.syncbridge.port.out.TokenRejected;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code checktoken}: verifies a token with this configuration's keys, as the server would, and
 * prints what it says and what it may reach; a refused token gets the reason the server would give.
 */
final class CheckToken {

    private CheckToken() {
    }

    /** The token comes as the only argument, or on standard input with {@code -} (out of the shell's history). */
    static int run(String[] args, InputStream in, Config config, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("syncbridge checktoken: give the token, or - to read it from standard input");
            return Main.USAGE;
        }
        String token;
        try {
            token = args[0].equals("-") ? new String(in.readAllBytes(), StandardCharsets.UTF_8).trim() : args[0];
        } catch (IOException e) {
            err.println("syncbridge checktoken: cannot read standard input: " + e.getMessage());
            return Main.FAILED;
        }
        if (config.jwt().generatedSecret()) {
            err.println("syncbridge checktoken: set the server's key (JWT_SECRET, JWT_SIGNING_KEY_FILE, "
                    + "JWT_VERIFICATION_KEY_FILES or JWT_JWKS_URL); with a random secret no token verifies");
            return Main.USAGE;
        }
        Clock clock = Clock.systemUTC();
        AccessTokens tokens = AccessTokenSetup.create(config.jwt(), clock).tokens();
        try {
            TokenClaims claims = tokens.verify(token);
            out.print(describe(claims, clock.instant()));
            return Main.OK;
        } catch (TokenRejected e) {
            out.println("refused: " + e.code() + ": " + e.getMessage());
            return Main.FAILED;
        }
    }

    static String describe(TokenClaims claims, Instant now) {
        StringBuilder text = new StringBuilder();
        text.append("valid: signature, algorithm, expiry").append(" (and issuer/audience when configured)\n");
        text.append("user:        ").append(claims.user().value()).append('\n');
        claims.session().ifPresent(s -> text.append("session:     ").append(s.clientId())
                .append(" (stored as ").append(s.value()).append(")\n"));
        claims.device().ifPresent(d -> text.append("device:      ").append(d.value()).append('\n'));
        text.append("expires:     ").append(claims.expiresAt()).append(" (in ")
                .append(readable(Duration.between(now, claims.expiresAt()))).append(")\n");
        claims.grantEnds().ifPresent(end -> text.append("grant ends:  ").append(end)
                .append(" (renewed tokens never outlive it)\n"));
        claims.grantId().ifPresent(g -> text.append("grant:       ").append(g).append('\n'));
        claims.incarnation().ifPresent(i -> text.append("session of:  ").append(i)
                .append(" (a session deleted and created again under the id does not honour it)\n"));
        claims.email().ifPresent(e -> text.append("email:       ").append(e).append('\n'));
        text.append("token id:    ").append(claims.tokenId()).append('\n');
        if (claims.sessionScoped()) {
            text.append("may reach:   its own session, as its own device only: the WebSocket; the session's state, ")
                    .append("delta, changes, events, snapshots, devices list, handoff and handoff tokens\n")
                    .append("never:       the session list, creating or deleting sessions, minting tokens, ")
                    .append("another session\n");
        } else {
            text.append("may reach:   the user's own account: every session of it over REST (list, create, read, ")
                    .append("change, delete), minting device tokens, handoff tokens, and the WebSocket of any of ")
                    .append("its sessions\n");
        }
        text.append("not checked: revocation (a removed device, a logout): only the running server's grant ")
                .append("store knows it\n");
        return text.toString();
    }

    private static String readable(Duration left) {
        if (left.isNegative()) {
            return "the past";
        }
        long minutes = left.toMinutes();
        return minutes >= 120 ? left.toHours() + " h" : minutes >= 1 ? minutes + " min" : left.toSeconds() + " s";
    }
}
