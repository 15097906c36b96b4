package io.syncbridge.adapter.javalin.rest;

import java.util.Map;
import java.util.Objects;

/**
 * A failure of the HTTP exchange itself rather than of the domain (a missing or bad token, a body
 * that is not JSON or too large, an unknown route): its status and wire code travel with it.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public ApiException(int status, String code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public static ApiException invalidRequest(String message) {
        return new ApiException(400, "INVALID_REQUEST", message);
    }

    public static ApiException unauthorized(String code, String message) {
        return new ApiException(401, code, message);
    }

    public static ApiException tooLarge(long limitBytes) {
        return new ApiException(413, "MESSAGE_TOO_LARGE", "Request body exceeds " + limitBytes + " bytes",
                Map.of("maxBytes", limitBytes));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
