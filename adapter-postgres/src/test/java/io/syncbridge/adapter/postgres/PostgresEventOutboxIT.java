package io.syncbridge.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.state.JsonNumber;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.port.out.EventOutbox.Pending;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the contract cannot see: the jsonb payload, unreadable rows, and housekeeping. */
class PostgresEventOutboxIT {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final SessionId SESSION = new SessionId("s-1");
    private static final UserId OWNER = new UserId("u-1");

    private static ScratchSchema schema;
    private PostgresEventOutbox outbox;

    @BeforeAll
    static void openSchema() {
        schema = ScratchSchema.open();
    }

    @AfterAll
    static void dropSchema() {
        schema.close();
    }

    @BeforeEach
    void emptyOutbox() {
        schema.truncateAll();
        outbox = new PostgresEventOutbox(schema.database(), () -> NOW);
    }

    @Test
    void keepsAStateChangeExactThroughJsonb() {
        JsonObject value = new JsonObject(Map.of("big", new JsonNumber(new BigDecimal("12345678901234567890123")),
                "ratio", JsonNumber.of(0.125), "text", JsonValue.of("é \" \\ \u2028"), "none", JsonValue.nullValue()));
        AppliedChange change = new AppliedChange(7, new MutationId("m-1"), new DeviceId("phone"),
                List.of(new PatchOperation.Add(JsonPointer.parse("/a~1b/0"), value),
                        new PatchOperation.Remove(JsonPointer.parse("/old"))), NOW);
        DomainEvent event = new DomainEvent.StateChanged("e-1", SESSION, OWNER, NOW, change);

        outbox.append(event);

        assertThat(outbox.pending(10)).singleElement().satisfies(pending -> {
            assertThat(pending.event()).isEqualTo(event);
            assertThat(pending.recordedAt()).isEqualTo(NOW);
            assertThat(pending.attempts()).isZero();
        });
        assertThat(column("event_type")).isEqualTo("state.changed");
        assertThat(column("payload->>'session_id'")).isEqualTo("s-1");
    }

    @Test
    void leavesAnUnreadableRowInPlaceWithoutBlockingTheOnesBehindIt() {
        outbox.append(created("e-1"));
        ScratchSchema.execute("INSERT INTO " + schema.name() + ".event_outbox (event_id, event_type, session_id, "
                + "payload, created_at) VALUES ('e-bad', 'unknown.event', 's-1', '{\"type\":\"unknown.event\"}', now())");
        outbox.append(created("e-3"));

        assertThat(outbox.pending(10)).extracting(pending -> pending.event().eventId()).containsExactly("e-1", "e-3");
        assertThat(outbox.depth().count()).isEqualTo(3);
    }

    @Test
    void purgesOnlyPublishedEventsOlderThanTheCutoff() {
        outbox.append(created("e-old"));
        outbox.append(created("e-recent"));
        outbox.append(created("e-waiting"));
        outbox.markPublished(List.of("e-old"), NOW.minusSeconds(3_600));
        outbox.markPublished(List.of("e-recent"), NOW);

        int purged = outbox.purgePublishedBefore(NOW.minusSeconds(60));

        assertThat(purged).isEqualTo(1);
        assertThat(count()).isEqualTo(2);
        assertThat(outbox.pending(10)).extracting(pending -> pending.event().eventId()).containsExactly("e-waiting");
    }

    @Test
    void countsFailedAttemptsOnlyForUnpublishedEvents() {
        outbox.append(created("e-1"));
        outbox.append(created("e-2"));
        outbox.markPublished(List.of("e-2"), NOW);

        outbox.markFailed(List.of("e-1", "e-2"), NOW);
        outbox.markFailed(List.of("e-1"), NOW.plusSeconds(1));

        assertThat(outbox.pending(10)).singleElement().extracting(Pending::attempts).isEqualTo(2);
        assertThat(column("last_failed_at = CAST('2025-03-01T10:00:01Z' AS timestamptz)")).isEqualTo("true");
    }

    private static DomainEvent created(String eventId) {
        return new DomainEvent.SessionCreated(eventId, SESSION, OWNER, NOW, "Morning", "wellness");
    }

    /** One column of the first unpublished row, as text. */
    private static String column(String expression) {
        return ScratchSchema.admin().withHandle(h -> h.createQuery("SELECT CAST((" + expression + ") AS text) FROM "
                + schema.name() + ".event_outbox WHERE published_at IS NULL ORDER BY seq LIMIT 1")
                .mapTo(String.class).one());
    }

    private static long count() {
        return ScratchSchema.admin().withHandle(h -> h.createQuery("SELECT count(*) FROM " + schema.name()
                + ".event_outbox").mapTo(Long.class).one());
    }
}
