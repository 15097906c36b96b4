package io.syncbridge.adapter.javalin.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.syncbridge.adapter.javalin.GatewayServer;
import io.syncbridge.adapter.javalin.GatewaySettings;
import io.syncbridge.adapter.jwt.HmacAccessTokens;
import io.syncbridge.application.SyncBridge;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.domain.session.SessionStatus;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.inmemory.InMemorySessionCatalogue;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.SessionsUseCase.CreateSession;
import io.syncbridge.port.out.SessionCatalogue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console's JSON API on a real gateway over an in-memory core: search, a session's page, the timeline, and each action. */
class ConsoleApiTest {

    private static final ConsoleLogin LOGIN = new ConsoleLogin("ops", "a-long-console-password");
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("ops:a-long-console-password".getBytes(StandardCharsets.UTF_8));
    private static final Caller ANN = Caller.user(new UserId("ann"));
    private static final Caller BOB = Caller.user(new UserId("bob"));
    private static final DeviceId PHONE = new DeviceId("phone");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FailingSearchCatalogue catalogue = new FailingSearchCatalogue();
    private final SyncBridge core = SyncBridge.builder().catalogue(catalogue).build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final GatewayServer server = GatewayServer.builder(core,
                    new HmacAccessTokens(new byte[32], Duration.ofMinutes(15), Clock.systemUTC()))
            .settings(GatewaySettings.DEFAULT.withPort(0)).console(LOGIN).build().start();

    @AfterEach
    void stop() {
        server.stop();
    }

    // ---- search, paging, sorting ----

    @Test
    void searchFindsSessionsByOwnerSortedAndPagedWithTheTotal() throws Exception {
        Session first = create(ANN, "One");
        Session second = create(ANN, "Two");
        create(BOB, "Other");
        Session third = create(ANN, "Three");

        JsonNode page = json(get("/console/api/sessions?q=ANN&sort=name&order=asc&limit=2&offset=0"));
        JsonNode next = json(get("/console/api/sessions?q=ann&sort=name&order=asc&limit=2&offset=2"));

        assertThat(page.path("total").asLong()).isEqualTo(3);
        assertThat(ids(page)).containsExactly(first.id().value(), third.id().value());
        assertThat(ids(next)).containsExactly(second.id().value());
        assertThat(next.path("offset").asInt()).isEqualTo(2);
        assertThat(ids(json(get("/console/api/sessions?q=" + second.id().clientId())))).containsExactly(second.id().value());
    }

    @Test
    void badSearchParametersAnswer400SayingWhatIsExpected() throws Exception {
        HttpResponse<String> sort = get("/console/api/sessions?sort=devices");
        HttpResponse<String> limit = get("/console/api/sessions?limit=1000");
        HttpResponse<String> offset = get("/console/api/sessions?offset=-5");

        assertThat(sort.statusCode()).isEqualTo(400);
        assertThat(json(sort).path("code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(json(sort).path("message").asText()).startsWith("sort must be one of created, updated");
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(json(limit).path("message").asText()).isEqualTo("limit must be from 1 to 100, not 1000");
        assertThat(offset.statusCode()).isEqualTo(400);
    }

    // ---- a session's page ----

    @Test
    void aSessionsPageShowsItsDevicesChangesSnapshotsAndHandoffs() throws Exception {
        Session session = create(ANN, "Flow");
        core.devices().connect(ANN, session.id(), PHONE, DeviceDescription.UNKNOWN, "c1");
        change(session, "m-1", 0, "/pose", "tree");
        core.snapshots().create(ANN, session.id(), "tree pose");
        core.handoffs().handOff(ANN, session.id(), PHONE);

        JsonNode detail = json(get("/console/api/session?id=" + session.id().value()));

        assertThat(detail.path("id").asText()).isEqualTo(session.id().value());
        assertThat(detail.path("devices").get(0).path("id").asText()).isEqualTo("phone");
        assertThat(detail.path("online").get(0).asText()).isEqualTo("phone");
        assertThat(detail.path("changes").get(0).path("summary").asText()).isEqualTo("add /pose");
        assertThat(detail.path("snapshots").get(0).path("label").asText()).isEqualTo("tree pose");
        assertThat(detail.path("handoffs").get(0).path("to").asText()).isEqualTo("phone");
        assertThat(detail.path("operatorActions").isArray()).isTrue();
    }

    @Test
    void aSessionsPageNeedsAnIdOfASessionThatExists() throws Exception {
        assertThat(get("/console/api/session").statusCode()).isEqualTo(400);
        assertThat(get("/console/api/session?id=ann/missing").statusCode()).isEqualTo(404);
        assertThat(get("/console/api/session?id=bad%20id").statusCode()).isEqualTo(400);
    }

    // ---- the timeline ----

    @Test
    void theTimelineShowsTheChangesJustMadeAsARate() throws Exception {
        Session session = create(ANN, "Flow");
        for (int i = 0; i < 5; i++) {
            change(session, "m-" + i, i, "/n" + i, "x");
        }

        JsonNode timeline = json(get("/console/api/timeline"));

        assertThat(timeline.path("stepSeconds").asInt()).isEqualTo(5);
        assertThat(timeline.path("windowSeconds").asInt()).isEqualTo(900);
        double changes = StreamSupport.stream(timeline.path("points").spliterator(), false)
                .mapToDouble(p -> p.path("changesPerSecond").asDouble()).sum();
        assertThat(changes).isGreaterThan(0);
    }

    @Test
    void serverErrorsCountInTheTimeline() throws Exception {
        catalogue.failing = true;

        assertThat(get("/console/api/sessions").statusCode()).isEqualTo(500);
        catalogue.failing = false;

        JsonNode points = json(get("/console/api/timeline")).path("points");
        double errors = StreamSupport.stream(points.spliterator(), false)
                .mapToDouble(p -> p.path("errorsPerSecond").asDouble()).sum();
        assertThat(errors).isGreaterThan(0);
    }

    // ---- actions ----

    @Test
    void removingADeviceDetachesItAndRecordsTheOperator() throws Exception {
        Session session = create(ANN, "Flow");
        core.devices().connect(ANN, session.id(), PHONE, DeviceDescription.UNKNOWN, "c1");

        HttpResponse<String> done = post("remove-device", "{\"sessionId\":\"" + session.id().value()
                + "\",\"deviceId\":\"phone\"}", true);

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(core.monitoring().session(session.id()).orElseThrow().devices().contains(PHONE)).isFalse();
        JsonNode audit = json(get("/console/api/audit")).get(0);
        assertThat(audit.path("operator").asText()).isEqualTo("ops");
        assertThat(audit.path("action").asText()).isEqualTo("remove-device");
        assertThat(audit.path("subject").asText()).isEqualTo("phone");
        assertThat(json(get("/console/api/session?id=" + session.id().value())).path("operatorActions").get(0)
                .path("outcome").asText()).isEqualTo("removed");
    }

    @Test
    void endingASessionDeletesIt() throws Exception {
        Session session = create(ANN, "Flow");

        HttpResponse<String> done = post("end-session", "{\"sessionId\":\"" + session.id().value() + "\"}", true);

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(core.monitoring().session(session.id())).isEmpty();
        assertThat(json(get("/console/api/audit")).get(0).path("action").asText()).isEqualTo("end-session");
    }

    @Test
    void restoringASnapshotWritesItsStateAsANewVersion() throws Exception {
        Session session = create(ANN, "Flow");
        change(session, "m-1", 0, "/pose", "tree");
        String snapshot = core.snapshots().create(ANN, session.id(), "tree").id().value();
        change(session, "m-2", 1, "/pose", "crow");

        HttpResponse<String> done = post("restore-snapshot", "{\"sessionId\":\"" + session.id().value()
                + "\",\"snapshotId\":\"" + snapshot + "\"}", true);

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(json(done).path("version").asLong()).isEqualTo(3);
        Session after = core.monitoring().session(session.id()).orElseThrow();
        assertThat(after.state().root().members().get("pose")).isEqualTo(JsonValue.of("tree"));
        assertThat(json(get("/console/api/audit")).get(0).path("outcome").asText()).isEqualTo("restored as v3");
    }

    @Test
    void anActionWithoutTheConfirmationOrFromAnotherSiteIsRefusedAndChangesNothing() throws Exception {
        Session session = create(ANN, "Flow");
        core.devices().connect(ANN, session.id(), PHONE, DeviceDescription.UNKNOWN, "c1");
        String body = "{\"sessionId\":\"" + session.id().value() + "\",\"deviceId\":\"phone\"}";

        HttpResponse<String> unconfirmed = post("remove-device", body, false);
        HttpResponse<String> otherOrigin = send(action("remove-device", body, true)
                .header("Origin", "http://evil.example").build());
        HttpResponse<String> crossSite = send(action("end-session", "{\"sessionId\":\"" + session.id().value() + "\"}", true)
                .header("Sec-Fetch-Site", "cross-site").build());
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/console/api/actions/end-session"))
                .header(ConsoleActions.CONFIRM_HEADER, "yes")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sessionId\":\"" + session.id().value() + "\"}")).build());
        HttpResponse<String> sameOrigin = send(action("remove-device", body, true)
                .header("Origin", "http://127.0.0.1:" + server.port()).header("Sec-Fetch-Site", "same-origin").build());

        assertThat(unconfirmed.statusCode()).isEqualTo(403);
        assertThat(json(unconfirmed).path("code").asText()).isEqualTo("CONSOLE_ACTION_UNCONFIRMED");
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(sameOrigin.statusCode()).as("the page itself may act").isEqualTo(200);
        assertThat(core.operatorActions().recentActions(10)).hasSize(1);
        assertThat(core.monitoring().session(session.id())).as("not ended by the refused requests").isPresent();
    }

    @Test
    void badInputToAnActionAnswersAnErrorAndChangesNothing() throws Exception {
        Session session = create(ANN, "Flow");
        core.devices().connect(ANN, session.id(), PHONE, DeviceDescription.UNKNOWN, "c1");
        change(session, "m-1", 0, "/pose", "tree");
        String id = session.id().value();

        assertThat(post("remove-device", "{\"sessionId\":\"" + id + "\"}", true).statusCode()).isEqualTo(400);
        assertThat(post("remove-device", "not json", true).statusCode()).isEqualTo(400);
        assertThat(post("remove-device", "[\"" + id + "\"]", true).statusCode()).isEqualTo(400);
        assertThat(post("remove-device", "{\"sessionId\":\"" + id + "\",\"deviceId\":\"laptop\"}", true).statusCode())
                .isEqualTo(404);
        assertThat(post("remove-device", "{\"sessionId\":\"" + id + "\",\"deviceId\":\"bad id\"}", true).statusCode())
                .isEqualTo(400);
        assertThat(post("end-session", "{\"sessionId\":\"ann/missing\"}", true).statusCode()).isEqualTo(404);
        assertThat(post("end-session", "{\"sessionId\":42}", true).statusCode()).isEqualTo(400);
        assertThat(post("restore-snapshot", "{\"sessionId\":\"" + id + "\",\"snapshotId\":\"nope\"}", true).statusCode())
                .isEqualTo(404);
        assertThat(post("restore-snapshot", "{\"sessionId\":\"" + id + "\"}", true).statusCode()).isEqualTo(400);

        Session after = core.monitoring().session(session.id()).orElseThrow();
        assertThat(after.devices().contains(PHONE)).isTrue();
        assertThat(after.version()).isEqualTo(1);
        assertThat(after.status()).isEqualTo(SessionStatus.ACTIVE);
        assertThat(json(get("/console/api/audit")).size()).isZero();
    }

    // ---- helpers ----

    private Session create(Caller owner, String name) {
        Session session = core.sessions().create(owner, new CreateSession(Optional.empty(), name, "yoga",
                SessionSettings.DEFAULT));
        try {
            Thread.sleep(2); // distinct creation times, so that the order under test is the only one
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return session;
    }

    private void change(Session session, String mutation, long base, String path, String value) {
        core.sync().apply(ANN, session.id(), new Change(new MutationId(mutation), base,
                List.of(new PatchOperation.Add(JsonPointer.parse(path), JsonValue.of(value))), PHONE, Instant.now()));
    }

    private static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.path("sessions").spliterator(), false).map(s -> s.path("id").asText()).toList();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", AUTH).build());
    }

    private HttpRequest.Builder action(String name, String body, boolean confirmed) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/console/api/actions/" + name))
                .header("Authorization", AUTH).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (confirmed) {
            request.header(ConsoleActions.CONFIRM_HEADER, "yes");
        }
        return request;
    }

    private HttpResponse<String> post(String name, String body, boolean confirmed) throws Exception {
        return send(action(name, body, confirmed).build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    /** The in-memory catalogue, whose search fails while {@link #failing}: a store that breaks under the console. */
    private static final class FailingSearchCatalogue implements SessionCatalogue {
        private final InMemorySessionCatalogue entries = new InMemorySessionCatalogue();
        volatile boolean failing;

        @Override
        public Page search(Instant now, Search search) {
            if (failing) {
                throw new IllegalStateException("catalogue unavailable (test)");
            }
            return entries.search(now, search);
        }

        @Override
        public void upsert(SessionEntry entry) {
            entries.upsert(entry);
        }

        @Override
        public void remove(SessionId id) {
            entries.remove(id);
        }

        @Override
        public Optional<SessionEntry> find(SessionId id) {
            return entries.find(id);
        }

        @Override
        public Page page(UserId owner, Optional<SessionStatus> status, Optional<String> type, int limit, int offset) {
            return entries.page(owner, status, type, limit, offset);
        }

        @Override
        public List<SessionEntry> expiringBy(Instant moment, int limit) {
            return entries.expiringBy(moment, limit);
        }

        @Override
        public long countUnexpired(Instant now) {
            return entries.countUnexpired(now);
        }

        @Override
        public List<SessionEntry> latest(Instant now, int limit) {
            return entries.latest(now, limit);
        }

        @Override
        public Cohort cohort(Instant from, Instant to, Duration usedAfter) {
            return entries.cohort(from, to, usedAfter);
        }
    }
}
