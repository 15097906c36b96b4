package io.syncbridge.port.out.contract;

import static io.syncbridge.port.out.contract.Fixtures.afterChange;
import static io.syncbridge.port.out.contract.Fixtures.change;
import static io.syncbridge.port.out.contract.Fixtures.counterState;
import static io.syncbridge.port.out.contract.Fixtures.deviceId;
import static io.syncbridge.port.out.contract.Fixtures.mutationId;
import static io.syncbridge.port.out.contract.Fixtures.newSession;
import static io.syncbridge.port.out.contract.Fixtures.renamed;
import static io.syncbridge.port.out.contract.Fixtures.richSession;
import static io.syncbridge.port.out.contract.Fixtures.sessionId;
import static io.syncbridge.port.out.contract.Fixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.session.Session;
import io.syncbridge.port.out.SessionCheckpoints;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link SessionCheckpoints}. Every checkpoint adapter subclasses it.
 *
 * <p>What the contract decides where the port's Javadoc leaves room: a checkpoint is read back
 * equal to the head saved (every field, state included); a head of the same or an older revision
 * than the kept one changes nothing, also within one batch; a deleted session can be saved again
 * from revision 0.
 *
 * <p>{@link #create} is called before each test and must give a store over empty data.
 */
public abstract class SessionCheckpointsContract {

    protected final MutableClock clock = new MutableClock();
    private SessionCheckpoints checkpoints;

    protected abstract SessionCheckpoints create();

    /** Called after each test: release or empty what {@link #create} made. */
    protected void cleanUp() throws Exception {
    }

    @BeforeEach
    final void createStore() {
        checkpoints = create();
    }

    @AfterEach
    final void cleanUpStore() throws Exception {
        cleanUp();
    }

    @Test
    void keepsEveryFieldOfTheHead() {
        Session rich = richSession(sessionId(), userId(), clock.now());
        checkpoints.save(List.of(rich));
        assertThat(checkpoints.latest(rich.id())).contains(rich);
    }

    @Test
    void knowsNothingOfASessionNeverSaved() {
        assertThat(checkpoints.latest(sessionId())).isEmpty();
        assertThat(checkpoints.delete(sessionId())).isFalse();
    }

    @Test
    void laterRevisionReplacesTheCheckpoint() {
        Session first = newSession(sessionId(), userId(), clock.now());
        Session second = afterChange(first, change(1, mutationId(), deviceId(), clock.now()), counterState(1));
        checkpoints.save(List.of(first));
        checkpoints.save(List.of(second));
        assertThat(checkpoints.latest(first.id())).contains(second);
    }

    @Test
    void anOlderRevisionNeverOverwritesANewerOne() {
        Session first = newSession(sessionId(), userId(), clock.now());
        Session second = renamed(first, "Evening", clock.now());
        Session third = renamed(second, "Night", clock.now());
        checkpoints.save(List.of(third));
        checkpoints.save(List.of(first, second));
        assertThat(checkpoints.latest(first.id())).contains(third);
        checkpoints.save(List.of(third));
        assertThat(checkpoints.latest(first.id())).contains(third);
    }

    @Test
    void savesABatchOfManySessions() {
        List<Session> heads = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            heads.add(newSession(sessionId(), userId(), clock.now()));
        }
        checkpoints.save(heads);
        checkpoints.save(List.of());
        for (Session head : heads) {
            assertThat(checkpoints.latest(head.id())).contains(head);
        }
    }

    @Test
    void aDeletedSessionIsGoneAndCanStartAgain() {
        Session first = renamed(renamed(newSession(sessionId(), userId(), clock.now()), "a", clock.now()), "b",
                clock.now());
        checkpoints.save(List.of(first));
        assertThat(checkpoints.delete(first.id())).isTrue();
        assertThat(checkpoints.latest(first.id())).isEmpty();
        Session again = newSession(first.id(), first.owner(), clock.now());
        checkpoints.save(List.of(again));
        assertThat(checkpoints.latest(first.id())).contains(again);
    }
}
