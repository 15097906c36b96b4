package io.syncbridge.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.AccountStore.Account;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostgresDatabaseIT {

    private ScratchSchema schema;
    private PostgresDatabase observed;

    @AfterEach
    void cleanUp() {
        if (observed != null) {
            observed.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void probeAnswersUpWithItsLatency() {
        schema = ScratchSchema.open();

        PostgresDatabase.Health health = schema.database().probe();

        assertThat(health.up()).isTrue();
        assertThat(health.detail()).isEqualTo("ok");
        assertThat(health.latency()).isPositive().isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void reportsEveryStoreOperationToTheQueryObserver() {
        schema = ScratchSchema.open();
        List<String> reports = new CopyOnWriteArrayList<>();
        observed = new PostgresDatabase(schema.database().config(),
                (operation, took, succeeded) -> reports.add(operation + ":" + succeeded + ":" + !took.isNegative()));
        PostgresAccountStore accounts = new PostgresAccountStore(observed);

        accounts.create(new Account(new UserId("u1"), "ada", "h", Instant.parse("2025-03-01T10:00:00Z")));
        accounts.findByUsername("ADA");

        assertThat(reports).containsExactly("accounts.create:true:true", "accounts.find_by_username:true:true");
    }

    @Test
    void aFailingObserverDoesNotFailTheOperation() {
        schema = ScratchSchema.open();
        observed = new PostgresDatabase(schema.database().config(), (operation, took, succeeded) -> {
            throw new IllegalStateException("metrics registry closed");
        });

        assertThat(new PostgresAccountStore(observed).findById(new UserId("nobody"))).isEmpty();
    }

    @Test
    void letsTheServerBindPoolMetricsAfterStart() {
        schema = ScratchSchema.open();
        AtomicInteger trackers = new AtomicInteger();
        MetricsTrackerFactory factory = (poolName, stats) -> {
            trackers.incrementAndGet();
            return new IMetricsTracker() {
            };
        };

        schema.database().dataSource().setMetricsTrackerFactory(factory);

        assertThat(trackers).hasValue(1);
        assertThat(schema.database().dataSource().getMaximumPoolSize()).isEqualTo(4);
    }

    @Test
    void appliesTheConfiguredPoolSettings() {
        PostgresConfig config = ScratchSchema.config(ScratchSchema.randomName())
                .withPoolSize(3)
                .withConnectionTimeout(Duration.ofMillis(1_500))
                .withLeakDetectionThreshold(Duration.ofSeconds(5));
        schema = ScratchSchema.open(config);

        var pool = schema.database().dataSource();

        assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
        assertThat(pool.getConnectionTimeout()).isEqualTo(1_500);
        assertThat(pool.getLeakDetectionThreshold()).isEqualTo(5_000);
        assertThat(pool.getSchema()).isEqualTo(config.schema());
    }
}
