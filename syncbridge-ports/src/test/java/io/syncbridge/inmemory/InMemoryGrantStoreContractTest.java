package io.syncbridge.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.GrantStore;
import io.syncbridge.port.out.GrantStore.Grant;
import io.syncbridge.port.out.contract.GrantStoreContract;
import io.syncbridge.port.out.contract.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryGrantStoreContractTest extends GrantStoreContract {

    @Override
    protected GrantStore create(MutableClock clock) {
        return new InMemoryGrantStore(clock);
    }

    @Test
    void anIssueDropsTheGrantsThatHaveExpiredAndKeepsTheLiveOnes() {
        MutableClock clock = new MutableClock();
        InMemoryGrantStore store = new InMemoryGrantStore(clock);
        UserId user = new UserId("grant-bound-user");
        for (int i = 0; i < 100; i++) {
            store.issue(Grant.login("short-" + i, user, "family", clock.now().plus(Duration.ofMinutes(1 + i % 3))));
        }
        store.issue(Grant.login("long", user, "family", clock.now().plus(Duration.ofHours(1))));
        // The second grant of this id replaces the first: its first end must not take the second with it.
        store.issue(Grant.login("short-0", user, "family", clock.now().plus(Duration.ofHours(2))));
        clock.set(clock.now().plus(Duration.ofMinutes(3)));

        store.issue(Grant.login("next", user, "family", clock.now().plus(Duration.ofHours(1))));

        assertThat(store.size()).isEqualTo(3);
        assertThat(store.find("long")).isPresent();
        assertThat(store.find("short-0")).isPresent();
        assertThat(store.find("next")).isPresent();
        assertThat(store.find("short-1")).isEmpty();
    }
}
