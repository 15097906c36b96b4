package io.syncbridge.adapter.postgres;

import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.AccountStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/** Persistence adapter: user accounts in the {@code accounts} table. */
public final class PostgresAccountStore implements AccountStore {

    private static final String COLUMNS = "id, username, password_hash, created_at";

    private final SqlRunner sql;

    public PostgresAccountStore(PostgresDatabase database) {
        this.sql = Objects.requireNonNull(database, "database").sql();
    }

    @Override
    public boolean create(Account account) {
        Objects.requireNonNull(account, "account");
        // Either unique key (the id, or the username ignoring case) being taken refuses the account.
        return sql.call("accounts.create", handle -> handle.createUpdate("""
                        INSERT INTO accounts (id, username, password_hash, created_at)
                        VALUES (:id, :username, :passwordHash, :createdAt)
                        ON CONFLICT DO NOTHING""")
                .bind("id", account.id().value())
                .bind("username", account.username())
                .bind("passwordHash", account.passwordHash())
                .bindByType("createdAt", SqlTime.utc(account.createdAt()), OffsetDateTime.class)
                .execute()) == 1;
    }

    @Override
    public Optional<Account> findByUsername(String username) {
        Objects.requireNonNull(username, "username");
        return sql.call("accounts.find_by_username", handle -> handle
                .createQuery("SELECT " + COLUMNS + " FROM accounts WHERE lower(username) = lower(:username)")
                .bind("username", username)
                .map(PostgresAccountStore::account)
                .findOne());
    }

    @Override
    public Optional<Account> findById(UserId id) {
        Objects.requireNonNull(id, "id");
        return sql.call("accounts.find_by_id", handle -> handle
                .createQuery("SELECT " + COLUMNS + " FROM accounts WHERE id = :id")
                .bind("id", id.value())
                .map(PostgresAccountStore::account)
                .findOne());
    }

    private static Account account(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Account(new UserId(rs.getString("id")), rs.getString("username"), rs.getString("password_hash"),
                SqlTime.instant(rs, "created_at"));
    }
}
