package io.syncbridge.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionStatus;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.SessionCatalogue.Page;
import io.syncbridge.port.out.SessionCatalogue.SessionEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Listing a few hundred sessions page by page, with the timestamps colliding as they do in bursts. */
class PostgresSessionCatalogueIT {

    private static final Instant BASE = Instant.parse("2025-03-01T10:00:00Z");
    private static final UserId OWNER = new UserId("owner-1");
    private static final int SESSIONS = 300;

    private static ScratchSchema schema;
    private static PostgresSessionCatalogue catalogue;

    @BeforeAll
    static void fillCatalogue() {
        schema = ScratchSchema.open();
        catalogue = new PostgresSessionCatalogue(schema.database());
        for (int i = 0; i < SESSIONS; i++) {
            // Ten sessions share each creation instant, so only the id can order them.
            Instant created = BASE.plusSeconds(i / 10);
            SessionStatus status = SessionStatus.values()[i % SessionStatus.values().length];
            catalogue.upsert(new SessionEntry(new SessionId(String.format("s-%03d", i)), OWNER, "Session " + i,
                    i % 2 == 0 ? "workout" : "player", status, created, created, Optional.empty(),
                    created.plusSeconds(86_400)));
        }
        catalogue.upsert(new SessionEntry(new SessionId("other"), new UserId("owner-2"), "Not mine", "workout",
                SessionStatus.ACTIVE, BASE, BASE, Optional.empty(), BASE.plusSeconds(86_400)));
    }

    @AfterAll
    static void dropSchema() {
        schema.close();
    }

    @Test
    void pagesCoverEverySessionOnceInListingOrder() {
        List<SessionEntry> seen = new ArrayList<>();
        for (int offset = 0; ; offset += 7) {
            Page page = catalogue.page(OWNER, Optional.empty(), Optional.empty(), 7, offset);
            assertThat(page.total()).isEqualTo(SESSIONS);
            if (page.entries().isEmpty()) {
                break;
            }
            seen.addAll(page.entries());
        }

        assertThat(seen).hasSize(SESSIONS);
        assertThat(seen).extracting(entry -> entry.id().value()).doesNotHaveDuplicates();
        assertThat(seen.getFirst().createdAt()).isEqualTo(BASE.plusSeconds(29));
        assertThat(seen).isSortedAccordingTo((a, b) -> {
            int byCreated = b.createdAt().compareTo(a.createdAt());
            return byCreated != 0 ? byCreated : b.id().value().compareTo(a.id().value());
        });
    }

    @Test
    void filtersByStatusAndTypeTogether() {
        Page page = catalogue.page(OWNER, Optional.of(SessionStatus.PAUSED), Optional.of("player"), 500, 0);

        // Status cycles every 4 and type every 2: paused (i % 4 == 1) sessions are all odd, so all players.
        assertThat(page.total()).isEqualTo(SESSIONS / 4);
        assertThat(page.entries()).allSatisfy(entry -> {
            assertThat(entry.status()).isEqualTo(SessionStatus.PAUSED);
            assertThat(entry.type()).isEqualTo("player");
            assertThat(entry.owner()).isEqualTo(OWNER);
        });
        assertThat(catalogue.page(OWNER, Optional.of(SessionStatus.PAUSED), Optional.of("workout"), 10, 0).total())
                .isZero();
    }

    @Test
    void reportsTheTotalEvenPastTheLastPage() {
        Page page = catalogue.page(OWNER, Optional.empty(), Optional.of("workout"), 10, 1_000);

        assertThat(page.entries()).isEmpty();
        assertThat(page.total()).isEqualTo(SESSIONS / 2);
    }
}
