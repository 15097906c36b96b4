package io.syncbridge.port.out.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.state.JsonCodec;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.port.out.contract.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The stored forms written straight to text read back as what was written, and instants as Instant.toString. */
class StoredJsonTest {

    private static final Instant AT = Instant.parse("2026-12-02T18:30:00.123456Z");

    @Test
    void everyKindOfEventReadsBackAsWritten() {
        List<DomainEvent> events = Fixtures.oneOfEachEvent(Fixtures.sessionId(), Fixtures.userId(), AT);
        for (DomainEvent event : events) {
            String text = EventJson.eventText(event);

            assertThat(EventJson.eventFromText(text)).as(text).isEqualTo(event);
            assertThat(JsonCodec.write(JsonText.parse(text))).as("compact, as the domain's writer writes it")
                    .isEqualTo(text);
        }
    }

    @Test
    void aStateChangedEventWithItsChangeWrittenOnceIsTheSameText() {
        Session session = Fixtures.richSession(Fixtures.sessionId(), Fixtures.userId(), AT);
        AppliedChange change = Fixtures.change(session.version() + 1, Fixtures.mutationId(), Fixtures.deviceId(), AT);
        DomainEvent.StateChanged event = new DomainEvent.StateChanged("event-1", session.id(), session.owner(), AT,
                change);

        assertThat(EventJson.stateChangedText(event, ChangeJson.appliedChangeText(change)))
                .isEqualTo(EventJson.eventText(event));
        assertThat(ChangeJson.appliedChangeFromText(ChangeJson.appliedChangeText(change))).isEqualTo(change);
    }

    @Test
    void aSessionAndItsHeadReadBackAsWritten() {
        Session session = Fixtures.richSession(Fixtures.sessionId(), Fixtures.userId(), AT);

        assertThat(SessionJson.sessionFromText(SessionJson.sessionText(session))).isEqualTo(session);
        JsonObject head = (JsonObject) JsonText.parse(SessionJson.headText(session));
        assertThat(head.members()).doesNotContainKey("state");
        assertThat(SessionJson.session(head, session.state())).isEqualTo(session);
    }

    @Test
    void instantsAreWrittenAsInstantToStringWritesThem() {
        SplittableRandom random = new SplittableRandom(20261202);
        List<Instant> edges = List.of(Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("9999-12-31T23:59:59Z").plusSeconds(1),
                Instant.parse("0000-01-01T00:00:00Z").minusSeconds(1), Instant.parse("2024-02-29T12:00:00.100Z"),
                Instant.parse("2100-03-01T00:00:00.000001Z"), Instant.parse("1969-12-31T23:59:59.000000001Z"),
                Instant.MIN, Instant.MAX);
        for (Instant instant : edges) {
            assertThat(written(instant)).isEqualTo(instant.toString());
        }
        for (int i = 0; i < 100_000; i++) {
            Instant instant = randomInstant(random, i);
            assertThat(written(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void instantsAreReadBackAsInstantParseReadsThem() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = randomInstant(random, i);
            assertThat(IsoInstants.parse(instant.toString())).isEqualTo(instant);
        }
        for (String other : List.of("2024-02-29T12:00:00.1Z", "2024-02-29T12:00:00.12345Z", "2024-02-29T12:00:00+01:00",
                "+10000-01-01T00:00:00Z", "2024-02-29t12:00:00Z", "2024-01-01T24:00:00Z")) {
            assertThat(IsoInstants.parse(other)).as(other).isEqualTo(Instant.parse(other));
        }
    }

    @Test
    void textThatIsNoInstantFailsAsInstantParseFails() {
        for (String bad : List.of("2023-02-29T12:00:00Z", "2024-13-01T00:00:00Z", "2024-00-10T00:00:00Z",
                "2024-04-31T00:00:00Z", "2024-01-01T00:60:00Z", "2024-01-01T00:00:61Z",
                "2024-01-01T0a:00:00Z", "2024-01-01T00:00:00.12aZ", "2024-01-01 00:00:00Z", "", "yesterday")) {
            assertThatThrownBy(() -> IsoInstants.parse(bad)).as(bad).isInstanceOf(java.time.format.DateTimeParseException.class);
        }
    }

    /** An instant from about 2,000 years before 1970 to 8,000 after, its fraction of 0, 3, 6 or 9 digits by {@code i}. */
    private static Instant randomInstant(SplittableRandom random, int i) {
        long fourHundredYears = 400L * 366 * 86_400;
        long seconds = random.nextLong(-fourHundredYears * 5, fourHundredYears * 20);
        int nanos = switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static String written(Instant instant) {
        StringBuilder out = new StringBuilder();
        IsoInstants.append(instant, out);
        return out.toString();
    }
}
