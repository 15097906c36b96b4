package io.syncbridge.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.RefreshTokenStore.RefreshToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The atomicity of consuming a token, across real connections racing on one row. */
class PostgresRefreshTokenStoreIT {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    private static ScratchSchema schema;

    @BeforeAll
    static void openSchema() {
        schema = ScratchSchema.open();
    }

    @AfterAll
    static void dropSchema() {
        schema.close();
    }

    @Test
    void ofManyConcurrentUsesOfOneTokenExactlyOneGetsIt() throws Exception {
        PostgresRefreshTokenStore tokens = new PostgresRefreshTokenStore(schema.database());
        int racers = 12;
        for (int round = 0; round < 5; round++) {
            String hash = "hash-" + round;
            tokens.save(new RefreshToken(hash, new UserId("u1"), "family-" + round, NOW, NOW.plusSeconds(3_600), true));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<RefreshToken>>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < racers; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return tokens.consume(hash, NOW.plusSeconds(1));
                    }));
                }
                start.countDown();
            }

            long winners = 0;
            for (Future<Optional<RefreshToken>> result : results) {
                RefreshToken token = result.get().orElseThrow();
                winners += token.usable() ? 1 : 0;
            }
            assertThat(winners).as("winners in round %d", round).isEqualTo(1);
        }
    }

    @Test
    void purgesOnlyTokensExpiredBeforeTheCutoff() {
        PostgresRefreshTokenStore tokens = new PostgresRefreshTokenStore(schema.database());
        tokens.save(new RefreshToken("old", new UserId("u2"), "f-old", NOW.minusSeconds(7_200), NOW.minusSeconds(3_600),
                true));
        tokens.save(new RefreshToken("live", new UserId("u2"), "f-live", NOW, NOW.plusSeconds(3_600), true));

        int purged = tokens.purgeExpiredBefore(NOW.minusSeconds(60));

        assertThat(purged).isEqualTo(1);
        assertThat(tokens.consume("old", NOW)).isEmpty();
        assertThat(tokens.consume("live", NOW)).map(RefreshToken::usable).contains(true);
    }
}
