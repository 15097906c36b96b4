package io.syncbridge.app.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.app.TestServer;
import io.syncbridge.app.TestServer.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Wrong-password logins cannot starve the server: with the production hash (PBKDF2, 600,000
 * iterations) on one hashing thread with two places in its queue, a burst of parallel bad logins
 * is partly refused at once (429 with Retry-After) while another user's reads and the health
 * check keep answering; and a username with a run of failures is slowed down without its owner
 * losing the session they already have.
 */
class LoginLimitsIT {

    /** Far above a normal answer here (milliseconds), far below the 7 s seen before the limits. */
    private static final Duration BOUNDED = Duration.ofSeconds(5);
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.startUnchecked(Map.of("PASSWORD_HASH_THREADS", "1", "PASSWORD_HASH_QUEUE", "2"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void parallelBadLoginsAreRefusedEarlyWhileAnotherUsersRequestsKeepAnswering() throws Exception {
        String victim = TestServer.newUsername();
        TestServer.require(server.register(victim), 201);
        String bystander = server.newUser().get("access_token").asText();

        int attackers = 20;
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> attempts = new ArrayList<>();
        for (int i = 0; i < attackers; i++) {
            attempts.add(pool.submit(() -> {
                go.await();
                return server.login(victim, "wrong password, guessed");
            }));
        }
        go.countDown();
        List<Long> waits = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (String path : List.of("/v1/sessions", "/health/live")) {
                long started = System.nanoTime();
                statuses.add(server.get(path, bystander).status());
                waits.add(System.nanoTime() - started);
            }
        }
        List<Reply> replies = new ArrayList<>();
        for (Future<Reply> attempt : attempts) {
            replies.add(attempt.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(statuses).as("the other user's reads and health checks").containsOnly(200);
        assertThat(waits).as("no request of the other user waited long (nanoseconds)")
                .allSatisfy(nanos -> assertThat(nanos).isLessThan(BOUNDED.toNanos()));
        List<Reply> refused = replies.stream().filter(r -> r.status() == 429).toList();
        assertThat(refused).as("logins beyond the hashing pool and its queue are refused at once").isNotEmpty();
        assertThat(refused).allSatisfy(r -> {
            assertThat(r.code()).isEqualTo("RATE_LIMITED");
            assertThat(r.raw().headers().firstValue("Retry-After")).isPresent();
        });
        assertThat(replies).extracting(Reply::status).containsOnly(401, 429);
    }

    @Test
    void aRunOfWrongPasswordsSlowsTheUsernameDownButNotTheSessionItsOwnerHas() throws Exception {
        String username = TestServer.newUsername();
        TestServer.require(server.register(username), 201);
        var owner = TestServer.require(server.login(username, TestServer.PASSWORD), 200).json();
        String other = TestServer.newUsername();
        TestServer.require(server.register(other), 201);

        for (int i = 0; i < 5; i++) {
            assertThat(server.login(username, "not the password " + i).status()).as("attempt %d", i).isEqualTo(401);
        }
        Reply slowed = server.login(username, "not the password either");

        assertThat(slowed.status()).as(slowed.text()).isEqualTo(429);
        assertThat(slowed.code()).isEqualTo("RATE_LIMITED");
        long retryAfter = Long.parseLong(slowed.raw().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isPositive();
        assertThat(server.get("/v1/sessions", owner.get("access_token").asText()).status())
                .as("the owner's access token still works").isEqualTo(200);
        Reply refreshed = server.post("/v1/auth/token/refresh", null,
                Map.of("refresh_token", owner.get("refresh_token").asText()));
        assertThat(refreshed.status()).as("the owner's refresh token still works: %s", refreshed.text())
                .isEqualTo(200);
        assertThat(server.login(other, TestServer.PASSWORD).status()).as("other usernames are not slowed")
                .isEqualTo(200);

        Thread.sleep(Duration.ofSeconds(retryAfter).toMillis());
        assertThat(server.login(username, TestServer.PASSWORD).status())
                .as("after the delay the right password works: the owner is not locked out").isEqualTo(200);
    }
}
