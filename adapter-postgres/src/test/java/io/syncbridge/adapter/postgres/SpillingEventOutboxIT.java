package io.syncbridge.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.time.Clock;
import io.syncbridge.port.out.EventOutbox;
import io.syncbridge.port.out.contract.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox while PostgreSQL is unreachable (a TCP proxy in front of it, stopped): every event
 * appended meanwhile is kept, fsynced to the spill file, and in the outbox, in order, once
 * PostgreSQL is back; a spill file left by a process that stopped during the outage is replayed
 * by the next one.
 */
class SpillingEventOutboxIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private TcpProxy proxy;
    private ScratchSchema schema;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void keepsEveryEventAppendedWhilePostgresIsDownAndWritesThemInOrderWhenItReturns() throws Exception {
        SpillingEventOutbox outbox = behindProxy();
        List<DomainEvent> events = events(300);
        outbox.append(events.get(0));

        proxy.stop();
        for (DomainEvent event : events.subList(1, events.size())) {
            outbox.append(event);
        }
        assertThat(outbox.depth().count()).as("the spill counts in the depth while PostgreSQL is down")
                .isEqualTo(events.size() - 1);
        await("the spill file to hold what waits", () -> spillBytes() > 0);

        proxy.start();

        await("every event in the outbox", () -> outbox.spillWaiting() == 0 && outbox.depth().count() == events.size());
        assertThat(outbox.pending(1_000)).extracting(p -> p.event().eventId())
                .containsExactlyElementsOf(events.stream().map(DomainEvent::eventId).toList());
        assertThat(outbox.dropped()).isZero();
        await("the spill file emptied", () -> spillBytes() == 0);
        DomainEvent after = events(1).getFirst();
        outbox.append(after);
        assertThat(outbox.pending(1_000)).hasSize(events.size() + 1);
    }

    @Test
    void aSpillFileLeftByAStoppedProcessIsReplayedByTheNextOne() throws Exception {
        SpillingEventOutbox first = behindProxy();
        proxy.stop();
        List<DomainEvent> events = events(50);
        events.forEach(first::append);
        first.close();
        open.remove(first);
        assertThat(spillBytes()).as("the file stays for the next process").isPositive();

        proxy.start();
        PostgresEventOutbox direct = new PostgresEventOutbox(schema.database(), Clock.system());
        SpillingEventOutbox next = new SpillingEventOutbox(direct, dir, 1_000, 1 << 20);
        open.add(next);

        await("the events of the stopped process in the outbox", () -> direct.depth().count() == events.size());
        assertThat(direct.pending(100)).extracting(p -> p.event().eventId())
                .containsExactlyElementsOf(events.stream().map(DomainEvent::eventId).toList());
    }

    private SpillingEventOutbox behindProxy() throws java.io.IOException {
        proxy = new TcpProxy("127.0.0.1", 5432);
        proxy.start();
        schema = ScratchSchema.open(PostgresConfig.fromUrl("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test",
                        ScratchSchema.TEST_DATABASE.user(), ScratchSchema.TEST_DATABASE.password())
                .withSchema(ScratchSchema.randomName()).withPoolSize(2).withConnectionTimeout(Duration.ofMillis(500)));
        SpillingEventOutbox outbox = new SpillingEventOutbox(new PostgresEventOutbox(schema.database(), Clock.system()),
                dir, 10_000, 64 << 20);
        open.add(outbox);
        return outbox;
    }

    private long spillBytes() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<DomainEvent> events(int count) {
        SessionId session = Fixtures.sessionId();
        UserId owner = Fixtures.userId();
        List<DomainEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(Fixtures.event(session, owner, Instant.now(), "status-" + i));
        }
        return events;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!holds(condition)) {
            assertThat(System.nanoTime()).as("%s within %s", what, PATIENCE).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** False while the database, just back, still refuses (the pool reconnects by itself). */
    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (io.syncbridge.domain.error.SyncError.DependencyDown notYet) {
            return false;
        }
    }
}
