package io.syncbridge.adapter.javalin.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/** The one operator credential of the console, checked as HTTP Basic in constant time. */
public record ConsoleLogin(String user, String password) {

    public ConsoleLogin {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isEmpty() || user.contains(":")) {
            throw new IllegalArgumentException("the console user must be non-empty and without ':'");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the console password must not be empty");
        }
    }

    /** Whether an {@code Authorization} header carries this credential. */
    boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        byte[] expected = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }

    @Override
    public String toString() {
        return "ConsoleLogin[user=" + user + ", password=****]";
    }
}
