package io.syncbridge.port.out;

import io.syncbridge.domain.session.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Driven port: user accounts with their password hashes. */
public interface AccountStore {

    /** Creates the account; false (nothing written) when the username is taken, ignoring case. */
    boolean create(Account account);

    /** Looks an account up by username, ignoring case. */
    Optional<Account> findByUsername(String username);

    Optional<Account> findById(UserId id);

    /** A user account; {@code passwordHash} is an encoded, salted hash, never the password. */
    record Account(UserId id, String username, String passwordHash, Instant createdAt) {
        public Account {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(passwordHash, "passwordHash");
            Objects.requireNonNull(createdAt, "createdAt");
        }

        @Override
        public String toString() {
            return "Account[id=" + id + ", username=" + username + "]";
        }
    }
}
