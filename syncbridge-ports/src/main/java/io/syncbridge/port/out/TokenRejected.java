package io.syncbridge.port.out;

/** A token that was refused; {@link #code()} is the wire reason (TOKEN_EXPIRED or INVALID_TOKEN). */
public final class TokenRejected extends Exception {

    public enum Code { TOKEN_EXPIRED, INVALID_TOKEN }

    private final Code code;

    public TokenRejected(Code code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
