package io.syncbridge.domain.session;

import io.syncbridge.domain.Identifiers;
import java.util.Optional;

/**
 * The id of a session. Clients choose opaque ids (not necessarily UUIDs) that are unique only for
 * their owner, so the server scopes each one to its owner: {@code value} is then
 * {@code <owner>/<client id>}, which makes every store key, channel and row differ per owner
 * while the wire shows {@link #clientId()}. An id without a scope (embedding code that manages its
 * own ids) is its own client id. Neither part may contain the separator, so a scoped value parses
 * back unambiguously.
 */
public record SessionId(String value) {

    /** Between the owner and the client's id in a scoped value (a character no identifier may contain). */
    public static final char SCOPE_SEPARATOR = '/';

    public SessionId {
        if (value == null) {
            throw new io.syncbridge.domain.error.SyncError.ValidationFailed("session id must not be empty");
        }
        int separator = value.indexOf(SCOPE_SEPARATOR);
        if (separator < 0) {
            Identifiers.require("session id", value);
        } else {
            Identifiers.require("session owner", value.substring(0, separator));
            Identifiers.require("session id", value.substring(separator + 1));
        }
    }

    /** The session {@code clientId} of {@code owner}: the same client id under two owners is two sessions. */
    public static SessionId scoped(UserId owner, String clientId) {
        return new SessionId(owner.value() + SCOPE_SEPARATOR + Identifiers.require("session id", clientId));
    }

    /** The id as its client chose it and sees it on the wire. */
    public String clientId() {
        int separator = value.indexOf(SCOPE_SEPARATOR);
        return separator < 0 ? value : value.substring(separator + 1);
    }

    /** The owner this id is scoped to; empty for an unscoped id. */
    public Optional<UserId> scope() {
        int separator = value.indexOf(SCOPE_SEPARATOR);
        return separator < 0 ? Optional.empty() : Optional.of(new UserId(value.substring(0, separator)));
    }

    /** Whether {@code user} may own a session of this id: the id is unscoped or scoped to them. */
    public boolean admits(UserId user) {
        return scope().map(user::equals).orElse(true);
    }

    @Override
    public String toString() {
        return value;
    }
}
