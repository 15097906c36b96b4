package io.syncbridge.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.AccountStore;
import io.syncbridge.port.out.AccountStore.Account;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The database goes away under a live adapter, and comes back: the same adapter recovers. */
class PostgresOutageIT {

    private static final Instant CREATED = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(20);

    private TcpProxy proxy;
    private ScratchSchema schema;

    @AfterEach
    void cleanUp() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void reportsTheDatabaseDownWhileItIsUnreachableAndRecoversWithoutANewAdapter() throws Exception {
        proxy = new TcpProxy("127.0.0.1", 5432);
        proxy.start();
        schema = ScratchSchema.open(PostgresConfig.fromUrl(
                        "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test", ScratchSchema.TEST_DATABASE.user(),
                        ScratchSchema.TEST_DATABASE.password())
                .withSchema(ScratchSchema.randomName())
                .withPoolSize(2)
                .withConnectionTimeout(Duration.ofMillis(1_000)));
        AccountStore accounts = new PostgresAccountStore(schema.database());
        assertThat(accounts.create(account("u1", "ada"))).isTrue();

        proxy.stop();

        assertThatThrownBy(() -> accounts.findById(new UserId("u1")))
                .isInstanceOfSatisfying(SyncError.DependencyDown.class,
                        down -> assertThat(down.dependency()).isEqualTo("database"))
                .hasRootCauseInstanceOf(IOException.class);
        assertThatThrownBy(() -> accounts.create(account("u2", "grace")))
                .isInstanceOf(SyncError.DependencyDown.class);
        assertThat(schema.database().probe().up()).isFalse();

        proxy.start();

        Optional<Account> found = eventually(() -> accounts.findById(new UserId("u1")));
        assertThat(found).map(Account::username).contains("ada");
        assertThat(accounts.create(account("u2", "grace"))).isTrue();
        assertThat(schema.database().probe().up()).isTrue();
    }

    @Test
    void aBlackHoledDatabaseFailsEachCallWithinItsTimeOutsInsteadOfHanging() throws Exception {
        proxy = new TcpProxy("127.0.0.1", 5432);
        proxy.start();
        schema = ScratchSchema.open(PostgresConfig.fromUrl(
                        "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test", ScratchSchema.TEST_DATABASE.user(),
                        ScratchSchema.TEST_DATABASE.password())
                .withSchema(ScratchSchema.randomName())
                .withPoolSize(2)
                .withConnectionTimeout(Duration.ofSeconds(1))
                .withStatementTimeout(Duration.ofSeconds(1))
                .withSocketTimeout(Duration.ofSeconds(2)));
        AccountStore accounts = new PostgresAccountStore(schema.database());
        assertThat(accounts.create(account("u1", "ada"))).isTrue();

        proxy.blackHole();

        // Pooled connections (their reads hit the socket time-out) and new ones (their login does).
        for (int call = 0; call < 4; call++) {
            CompletableFuture<Optional<Account>> lookup = CompletableFuture.supplyAsync(
                    () -> accounts.findById(new UserId("u1")));
            assertThatThrownBy(() -> lookup.get(30, TimeUnit.SECONDS)).as("call %d", call)
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SyncError.DependencyDown.class);
        }

        proxy.restore();

        Optional<Account> found = eventually(() -> accounts.findById(new UserId("u1")));
        assertThat(found).map(Account::username).contains("ada");
    }

    @Test
    void callsRightAfterTheDatabaseIsBackGetFreshConnectionsNotOnesThatDiedWithTheOutage() throws Exception {
        proxy = new TcpProxy("127.0.0.1", 5432);
        proxy.start();
        schema = ScratchSchema.open(PostgresConfig.fromUrl(
                        "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test", ScratchSchema.TEST_DATABASE.user(),
                        ScratchSchema.TEST_DATABASE.password())
                .withSchema(ScratchSchema.randomName())
                .withPoolSize(3)
                .withConnectionTimeout(Duration.ofMillis(1_000)));
        AccountStore accounts = new PostgresAccountStore(schema.database());
        assertThat(accounts.create(account("u1", "ada"))).isTrue();
        // Three connections used just now: HikariCP hands such connections out again without checking them.
        List<Connection> busy = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            busy.add(schema.database().dataSource().getConnection());
        }
        for (Connection connection : busy) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            }
            connection.close();
        }

        proxy.stop();
        assertThatThrownBy(() -> accounts.findById(new UserId("u1"))).isInstanceOf(SyncError.DependencyDown.class);
        proxy.start();

        for (int i = 0; i < 3; i++) {
            assertThat(accounts.findById(new UserId("u1"))).as("call %d after the outage", i)
                    .map(Account::username).contains("ada");
        }
    }

    @Test
    void failsFastWithDependencyDownWhenNothingListens() throws Exception {
        proxy = new TcpProxy("127.0.0.1", 5432);
        proxy.start();
        int closedPort = proxy.port();
        proxy.stop();
        PostgresConfig config = PostgresConfig.fromUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/test",
                        "postgres", null)
                .withSchema(ScratchSchema.randomName())
                .withConnectionTimeout(Duration.ofMillis(500));

        try (PostgresDatabase database = new PostgresDatabase(config)) {
            AccountStore accounts = new PostgresAccountStore(database);

            assertThatThrownBy(() -> accounts.findByUsername("ada"))
                    .isInstanceOf(SyncError.DependencyDown.class)
                    .hasMessageContaining("accounts.find_by_username")
                    .hasCauseInstanceOf(ConnectionException.class);
            assertThatThrownBy(database::migrate).isInstanceOf(SyncError.DependencyDown.class);
            PostgresDatabase.Health health = database.probe();
            assertThat(health.up()).isFalse();
            assertThat(health.detail()).isNotBlank();
        }
    }

    @Test
    void keepsWorkingAfterItsBackendsAreTerminated() {
        schema = ScratchSchema.open();
        AccountStore accounts = new PostgresAccountStore(schema.database());
        assertThat(accounts.create(account("u1", "ada"))).isTrue();

        int terminated = terminateBackendsOf(schema);

        assertThat(terminated).isPositive();
        // A connection the pool still believes in may fail once: that must surface as DependencyDown, nothing else.
        Optional<Account> found = eventually(() -> accounts.findById(new UserId("u1")));
        assertThat(found).map(Account::username).contains("ada");
        assertThat(accounts.create(account("u2", "grace"))).isTrue();
    }

    private static int terminateBackendsOf(ScratchSchema schema) {
        return ScratchSchema.admin().withHandle(h -> h.createQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) "
                                + "FROM pg_stat_activity WHERE application_name = :app")
                        .bind("app", "syncbridge:" + schema.name())
                        .mapTo(Integer.class)
                        .one());
    }

    /** Retries while the adapter reports the database down, up to a generous limit; any other failure fails the test. */
    private static <T> T eventually(Supplier<T> call) {
        long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
        while (true) {
            try {
                return call.get();
            } catch (SyncError.DependencyDown down) {
                if (System.nanoTime() > deadline) {
                    fail("database did not come back within " + RECOVERY_LIMIT, down);
                }
            }
        }
    }

    private static Account account(String id, String username) {
        return new Account(new UserId(id), username, "hash-of-" + username, CREATED);
    }
}
