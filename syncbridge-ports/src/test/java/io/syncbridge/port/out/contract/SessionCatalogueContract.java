package io.syncbridge.port.out.contract;

import static io.syncbridge.port.out.contract.Fixtures.newSession;
import static io.syncbridge.port.out.contract.Fixtures.richSession;
import static io.syncbridge.port.out.contract.Fixtures.sessionId;
import static io.syncbridge.port.out.contract.Fixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionStatus;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.out.SessionCatalogue;
import io.syncbridge.port.out.SessionCatalogue.SessionEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link SessionCatalogue}. Every session catalogue adapter subclasses it.
 *
 * <p>What the contract decides where the port's Javadoc leaves room:
 * <ul>
 *   <li>{@code page}: newest {@code createdAt} first; equal times by id, descending (code-point
 *       order: PostgreSQL needs {@code COLLATE "C"}); the status and type filters match exactly
 *       (type is case-sensitive); {@code total} counts every matching entry, whatever the limit
 *       and offset; an offset past the end gives no entries.</li>
 *   <li>{@code expiringBy(moment)} includes entries expiring exactly at {@code moment}; soonest
 *       first, equal times by id, ascending (code-point order).</li>
 *   <li>{@code countUnexpired(now)} counts entries whose {@code expiresAt} is after {@code now}.</li>
 *   <li>{@code latest(now)} lists the entries {@code countUnexpired(now)} counts, in the order of
 *       {@code page}, whoever owns them.</li>
 *   <li>{@code search(now, search)} looks among the entries {@code latest(now)} lists; the text
 *       matches a part of the owner or of the id, ignoring case.</li>
 *   <li>{@code cohort(from, to, usedAfter)} counts entries with {@code from <= createdAt < to}; of
 *       those, the used ones have {@code updatedAt} strictly after {@code createdAt + usedAfter}.</li>
 * </ul>
 *
 * <p>{@link #create} is called before each test and must give a catalogue over empty data: the
 * suite counts and lists across owners.
 */
public abstract class SessionCatalogueContract {

    protected final MutableClock clock = new MutableClock();
    private SessionCatalogue catalogue;

    /** A catalogue over empty data. */
    protected abstract SessionCatalogue create(MutableClock clock);

    /** Called after each test: release or empty what {@link #create} made. */
    protected void cleanUp() throws Exception {
    }

    @BeforeEach
    final void createCatalogue() {
        catalogue = create(clock);
    }

    @AfterEach
    final void cleanUpCatalogue() throws Exception {
        cleanUp();
    }

    protected final SessionCatalogue catalogue() {
        return catalogue;
    }

    @Test
    void upsertedEntryIsFoundWhole() {
        SessionEntry entry = SessionEntry.of(richSession(sessionId(), userId(), clock.now()));

        catalogue.upsert(entry);

        assertThat(catalogue.find(entry.id())).contains(entry);
        assertThat(entry.completedAt()).isPresent();
    }

    @Test
    void entryWithoutCompletionTimeIsFoundWhole() {
        SessionEntry entry = SessionEntry.of(newSession(sessionId(), userId(), clock.now()));

        catalogue.upsert(entry);

        assertThat(catalogue.find(entry.id())).contains(entry);
    }

    @Test
    void upsertReplacesTheEntry() {
        SessionEntry first = SessionEntry.of(newSession(sessionId(), userId(), clock.now()));
        catalogue.upsert(first);
        SessionEntry changed = new SessionEntry(first.id(), first.owner(), "Renamed — ✓", "other-type",
                SessionStatus.COMPLETED, first.createdAt(), first.updatedAt().plusSeconds(5),
                Optional.of(first.updatedAt().plusSeconds(5)), first.expiresAt().plusSeconds(5));

        catalogue.upsert(changed);

        assertThat(catalogue.find(first.id())).contains(changed);
        assertThat(catalogue.page(first.owner(), Optional.empty(), Optional.empty(), 10, 0).total()).isEqualTo(1);
    }

    @Test
    void anUpsertGivingTheSessionAnotherOwnerListsItUnderTheNewOwnerOnly() {
        SessionEntry first = entry(userId(), 0, SessionStatus.ACTIVE, "breathing");
        UserId newOwner = userId();
        SessionEntry moved = new SessionEntry(first.id(), newOwner, first.name(), first.type(), first.status(),
                first.createdAt(), first.updatedAt(), first.completedAt(), first.expiresAt());

        catalogue.upsert(moved);

        assertThat(catalogue.page(first.owner(), Optional.empty(), Optional.empty(), 10, 0).total()).isZero();
        assertThat(catalogue.page(newOwner, Optional.empty(), Optional.empty(), 10, 0).entries()).containsExactly(moved);
        catalogue.remove(first.id());
        assertThat(catalogue.page(newOwner, Optional.empty(), Optional.empty(), 10, 0).total()).isZero();
    }

    @Test
    void removedEntryIsGone() {
        SessionEntry entry = entry(userId(), 0, SessionStatus.ACTIVE, "breathing");
        SessionEntry kept = entry(entry.owner(), 1, SessionStatus.ACTIVE, "breathing");

        catalogue.remove(entry.id());
        catalogue.remove(sessionId());

        assertThat(catalogue.find(entry.id())).isEmpty();
        assertThat(catalogue.page(entry.owner(), Optional.empty(), Optional.empty(), 10, 0).entries())
                .containsExactly(kept);
    }

    @Test
    void unknownEntryIsNotFound() {
        assertThat(catalogue.find(sessionId())).isEmpty();
    }

    @Test
    void pageListsOwnersSessionsNewestFirstWithTotal() {
        UserId owner = userId();
        SessionEntry oldest = entry(owner, 0, SessionStatus.ACTIVE, "breathing");
        SessionEntry middle = entry(owner, 1, SessionStatus.PAUSED, "workout");
        SessionEntry newest = entry(owner, 2, SessionStatus.ACTIVE, "breathing");
        entry(userId(), 3, SessionStatus.ACTIVE, "breathing");

        SessionCatalogue.Page page = catalogue.page(owner, Optional.empty(), Optional.empty(), 10, 0);

        assertThat(page.entries()).containsExactly(newest, middle, oldest);
        assertThat(page.total()).isEqualTo(3);
    }

    @Test
    void pagesByLimitAndOffsetKeepingTheTotal() {
        UserId owner = userId();
        SessionEntry e0 = entry(owner, 0, SessionStatus.ACTIVE, "t");
        SessionEntry e1 = entry(owner, 1, SessionStatus.ACTIVE, "t");
        SessionEntry e2 = entry(owner, 2, SessionStatus.ACTIVE, "t");
        SessionEntry e3 = entry(owner, 3, SessionStatus.ACTIVE, "t");
        SessionEntry e4 = entry(owner, 4, SessionStatus.ACTIVE, "t");

        SessionCatalogue.Page first = catalogue.page(owner, Optional.empty(), Optional.empty(), 2, 0);
        SessionCatalogue.Page second = catalogue.page(owner, Optional.empty(), Optional.empty(), 2, 2);
        SessionCatalogue.Page last = catalogue.page(owner, Optional.empty(), Optional.empty(), 2, 4);
        SessionCatalogue.Page beyond = catalogue.page(owner, Optional.empty(), Optional.empty(), 2, 9);

        assertThat(first.entries()).containsExactly(e4, e3);
        assertThat(second.entries()).containsExactly(e2, e1);
        assertThat(last.entries()).containsExactly(e0);
        assertThat(beyond.entries()).isEmpty();
        assertThat(first.total()).isEqualTo(5);
        assertThat(beyond.total()).isEqualTo(5);
    }

    @Test
    void filtersByStatusAndType() {
        UserId owner = userId();
        SessionEntry activeBreathing = entry(owner, 0, SessionStatus.ACTIVE, "breathing");
        SessionEntry pausedBreathing = entry(owner, 1, SessionStatus.PAUSED, "breathing");
        SessionEntry activeWorkout = entry(owner, 2, SessionStatus.ACTIVE, "workout");
        entry(owner, 3, SessionStatus.COMPLETED, "Breathing");

        SessionCatalogue.Page active = catalogue.page(owner, Optional.of(SessionStatus.ACTIVE), Optional.empty(), 10, 0);
        SessionCatalogue.Page breathing = catalogue.page(owner, Optional.empty(), Optional.of("breathing"), 10, 0);
        SessionCatalogue.Page both = catalogue.page(owner, Optional.of(SessionStatus.ACTIVE), Optional.of("breathing"),
                10, 0);
        SessionCatalogue.Page none = catalogue.page(owner, Optional.of(SessionStatus.ARCHIVED), Optional.empty(), 10, 0);

        assertThat(active.entries()).containsExactly(activeWorkout, activeBreathing);
        assertThat(active.total()).isEqualTo(2);
        assertThat(breathing.entries()).containsExactly(pausedBreathing, activeBreathing);
        assertThat(both.entries()).containsExactly(activeBreathing);
        assertThat(both.total()).isEqualTo(1);
        assertThat(none.entries()).isEmpty();
        assertThat(none.total()).isZero();
    }

    @Test
    void sessionsCreatedAtTheSameTimePageByIdDescendingInCodePointOrder() {
        UserId owner = userId();
        String suffix = sessionId().value();
        SessionEntry capitalB = entry(new SessionId("s-B-" + suffix), owner, clock.now(), clock.now().plusSeconds(60));
        SessionEntry smallA = entry(new SessionId("s-a-" + suffix), owner, clock.now(), clock.now().plusSeconds(60));
        SessionEntry digit = entry(new SessionId("s-1-" + suffix), owner, clock.now(), clock.now().plusSeconds(60));

        assertThat(catalogue.page(owner, Optional.empty(), Optional.empty(), 10, 0).entries())
                .containsExactly(smallA, capitalB, digit);
    }

    @Test
    void expiringByListsEntriesDueAtOrBeforeTheMomentSoonestFirst() {
        Instant now = clock.now();
        SessionEntry later = entry(sessionId(), userId(), now, now.plusSeconds(30));
        SessionEntry soon = entry(sessionId(), userId(), now, now.plusSeconds(10));
        SessionEntry atMoment = entry(sessionId(), userId(), now, now.plusSeconds(60));
        entry(sessionId(), userId(), now, now.plusSeconds(61));

        assertThat(catalogue.expiringBy(now.plusSeconds(60), 10)).containsExactly(soon, later, atMoment);
        assertThat(catalogue.expiringBy(now.plusSeconds(60), 2)).containsExactly(soon, later);
        assertThat(catalogue.expiringBy(now.plusSeconds(9), 10)).isEmpty();
    }

    @Test
    void expiringAtTheSameTimeListsByIdAscendingInCodePointOrder() {
        Instant now = clock.now();
        String suffix = sessionId().value();
        SessionEntry smallA = entry(new SessionId("e-a-" + suffix), userId(), now, now.plusSeconds(10));
        SessionEntry capitalB = entry(new SessionId("e-B-" + suffix), userId(), now, now.plusSeconds(10));

        assertThat(catalogue.expiringBy(now.plusSeconds(10), 10)).containsExactly(capitalB, smallA);
    }

    @Test
    void countsEntriesNotExpiredAtTheMoment() {
        Instant now = clock.now();
        entry(sessionId(), userId(), now, now.minusSeconds(1));
        entry(sessionId(), userId(), now, now);
        entry(sessionId(), userId(), now, now.plusMillis(1));
        entry(sessionId(), userId(), now, now.plus(Duration.ofDays(7)));

        assertThat(catalogue.countUnexpired(now)).isEqualTo(2);
        assertThat(catalogue.countUnexpired(now.minusSeconds(1))).isEqualTo(3);
        assertThat(catalogue.countUnexpired(now.plus(Duration.ofDays(7)))).isZero();
    }

    @Test
    void latestListsUnexpiredSessionsOfEveryOwnerNewestFirst() {
        Instant now = clock.now();
        SessionEntry older = entry(sessionId(), userId(), now.minusSeconds(20), now.plusSeconds(60));
        SessionEntry newest = entry(sessionId(), userId(), now.minusSeconds(5), now.plusSeconds(60));
        SessionEntry middle = entry(sessionId(), userId(), now.minusSeconds(10), now.plusSeconds(60));
        entry(sessionId(), userId(), now.minusSeconds(1), now);

        assertThat(catalogue.latest(now, 10)).containsExactly(newest, middle, older);
        assertThat(catalogue.latest(now, 2)).containsExactly(newest, middle);
        assertThat(catalogue.latest(now.plusSeconds(60), 10)).isEmpty();
    }

    @Test
    void searchFindsTextInTheOwnerOrTheIdIgnoringCaseWithTheTotal() {
        Instant now = clock.now();
        UserId ann = new UserId(Fixtures.unique("Ann"));
        SessionEntry annsFirst = entry(sessionId(), ann, now.minusSeconds(30), now.plusSeconds(60));
        SessionEntry annsSecond = entry(sessionId(), ann, now.minusSeconds(20), now.plusSeconds(60));
        SessionEntry byItsId = entry(new SessionId(Fixtures.unique("x") + ann.value().substring(4)), userId(),
                now.minusSeconds(10), now.plusSeconds(60));
        entry(sessionId(), userId(), now.minusSeconds(5), now.plusSeconds(60));
        entry(sessionId(), ann, now.minusSeconds(40), now);

        SessionCatalogue.Page byOwner = catalogue.search(now, search(ann.value().toUpperCase(), SessionCatalogue.SortKey.CREATED, true, 10, 0));
        SessionCatalogue.Page byIdPart = catalogue.search(now, search(ann.value().substring(4), SessionCatalogue.SortKey.CREATED, true, 10, 0));

        assertThat(byOwner.entries()).containsExactly(annsSecond, annsFirst);
        assertThat(byOwner.total()).isEqualTo(2);
        assertThat(byIdPart.entries()).containsExactly(byItsId, annsSecond, annsFirst);
        assertThat(catalogue.search(now, search("", SessionCatalogue.SortKey.CREATED, true, 10, 0)).total()).isEqualTo(4);
    }

    @Test
    void searchSortsByTheKeyInEitherDirectionAndPages() {
        Instant now = clock.now();
        SessionEntry zed = entry(new SessionId(Fixtures.unique("s")), new UserId(Fixtures.unique("zed")),
                now.minusSeconds(30), now.plusSeconds(60));
        SessionEntry amy = entry(new SessionId(Fixtures.unique("s")), new UserId(Fixtures.unique("amy")),
                now.minusSeconds(10), now.plusSeconds(60));
        SessionEntry max = entry(new SessionId(Fixtures.unique("s")), new UserId(Fixtures.unique("max")),
                now.minusSeconds(20), now.plusSeconds(60));

        assertThat(catalogue.search(now, search("", SessionCatalogue.SortKey.OWNER, false, 10, 0)).entries())
                .containsExactly(amy, max, zed);
        assertThat(catalogue.search(now, search("", SessionCatalogue.SortKey.OWNER, true, 10, 0)).entries())
                .containsExactly(zed, max, amy);
        assertThat(catalogue.search(now, search("", SessionCatalogue.SortKey.CREATED, false, 10, 0)).entries())
                .containsExactly(zed, max, amy);
        SessionCatalogue.Page second = catalogue.search(now, search("", SessionCatalogue.SortKey.CREATED, false, 2, 2));
        assertThat(second.entries()).containsExactly(amy);
        assertThat(second.total()).isEqualTo(3);
        assertThat(catalogue.search(now, search("", SessionCatalogue.SortKey.CREATED, false, 2, 9)).entries()).isEmpty();
    }

    private static SessionCatalogue.Search search(String text, SessionCatalogue.SortKey sort, boolean descending,
                                                  int limit, int offset) {
        return new SessionCatalogue.Search(text, sort, descending, limit, offset);
    }

    @Test
    void cohortCountsSessionsCreatedInThePeriodAndThoseUsedLater() {
        Instant from = clock.now().minus(Duration.ofHours(24));
        Instant to = clock.now().minus(Duration.ofMinutes(5));
        Duration mark = Duration.ofMinutes(5);
        used(from, Duration.ofMinutes(6));
        used(from.plusSeconds(3600), mark.plusMillis(1));
        used(from.plusSeconds(7200), mark);
        used(to.minusMillis(1), Duration.ZERO);
        used(from.minusMillis(1), Duration.ofHours(1));
        used(to, Duration.ofHours(1));

        SessionCatalogue.Cohort cohort = catalogue.cohort(from, to, mark);

        assertThat(cohort).isEqualTo(new SessionCatalogue.Cohort(4, 2));
        assertThat(catalogue.cohort(to, to.plusSeconds(1), mark)).isEqualTo(new SessionCatalogue.Cohort(1, 1));
        assertThat(catalogue.cohort(from.minus(Duration.ofDays(2)), from.minus(Duration.ofDays(1)), mark))
                .isEqualTo(new SessionCatalogue.Cohort(0, 0));
    }

    /** An entry created at {@code createdAt} and last updated {@code usedFor} later; upserted. */
    private void used(Instant createdAt, Duration usedFor) {
        catalogue.upsert(new SessionEntry(sessionId(), userId(), "Session", "breathing", SessionStatus.ACTIVE,
                createdAt, createdAt.plus(usedFor), Optional.empty(), createdAt.plus(Duration.ofDays(7))));
    }

    /** An entry of {@code owner} created {@code secondsAfterNow} seconds from now; upserted. */
    private SessionEntry entry(UserId owner, int secondsAfterNow, SessionStatus status, String type) {
        Instant created = clock.now().plusSeconds(secondsAfterNow);
        SessionEntry entry = new SessionEntry(sessionId(), owner, "Session " + secondsAfterNow, type, status,
                created, created, Optional.empty(), created.plus(Duration.ofDays(7)));
        catalogue.upsert(entry);
        return entry;
    }

    /** An active entry with the given id, creation and expiry; upserted. */
    private SessionEntry entry(SessionId id, UserId owner, Instant createdAt, Instant expiresAt) {
        SessionEntry entry = new SessionEntry(id, owner, "Session", "breathing", SessionStatus.ACTIVE, createdAt,
                createdAt, Optional.empty(), expiresAt);
        catalogue.upsert(entry);
        return entry;
    }
}
