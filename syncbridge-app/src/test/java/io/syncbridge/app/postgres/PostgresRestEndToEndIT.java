package io.syncbridge.app.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncbridge.adapter.javalin.ws.Eventually;
import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.app.TestSchema;
import io.syncbridge.app.TestServer;
import io.syncbridge.app.TestServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST API end to end on the real server with {@code DATABASE_URL} set: accounts, refresh
 * tokens, the session catalogue, the device registry and the handoff audit live in PostgreSQL,
 * and the tests check the rows there as well as the answers.
 */
class PostgresRestEndToEndIT {

    private static TestSchema schema;
    private static TestServer server;

    @BeforeAll
    static void startServer() {
        schema = new TestSchema();
        server = TestServer.start(TestServer.environment(TestSchema.URL, schema.name, false));
    }

    @AfterAll
    static void stopServer() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            schema.close();
        }
    }

    @Test
    void registersAndLogsInWithTheAccountStoredHashed() {
        String username = TestServer.newUsername();

        Reply registered = server.register(username);
        Reply again = server.register(username.toUpperCase());
        Reply login = server.login(username);
        Reply wrongPassword = server.post("/v1/auth/token", null,
                Map.of("grant_type", "password", "username", username, "password", "not the password"));

        assertThat(registered.status()).isEqualTo(201);
        String userId = registered.json().get("userId").asText();
        assertThat(again.status()).as("usernames are unique ignoring case").isEqualTo(409);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(login.json().get("refresh_token").asText()).isNotBlank();
        assertThat(wrongPassword.status()).isEqualTo(401);
        List<Map<String, Object>> rows = schema.rows("SELECT id, password_hash FROM accounts WHERE username = ?",
                username);
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().get("id")).isEqualTo(userId);
        assertThat((String) rows.getFirst().get("password_hash")).doesNotContain(TestServer.PASSWORD);
    }

    @Test
    void refreshTokensRotateAndReusingAnOldOneRevokesTheWholeFamily() {
        String username = TestServer.newUsername();
        TestServer.require(server.register(username), 201);
        String first = server.login(username).json().get("refresh_token").asText();

        Reply second = server.post("/v1/auth/token/refresh", null, Map.of("refresh_token", first));
        String secondToken = second.json().get("refresh_token").asText();
        Reply third = server.post("/v1/auth/token", null,
                Map.of("grant_type", "refresh_token", "refresh_token", secondToken));
        String newest = third.json().get("refresh_token").asText();

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("access_token").asText()).isNotBlank();
        assertThat(third.status()).isEqualTo(200);
        assertThat(List.of(first, secondToken, newest)).doesNotHaveDuplicates();
        assertThat(schema.rows("SELECT token_hash FROM refresh_tokens WHERE token_hash = ? OR token_hash = ?",
                first, newest)).as("only hashes are stored").isEmpty();

        Reply reuse = server.post("/v1/auth/token/refresh", null, Map.of("refresh_token", first));
        Reply newestAfterReuse = server.post("/v1/auth/token/refresh", null, Map.of("refresh_token", newest));

        assertThat(reuse.status()).isEqualTo(401);
        assertThat(newestAfterReuse.status()).as("the reuse revoked the family: %s", newestAfterReuse.text())
                .isEqualTo(401);
        List<Map<String, Object>> family = schema.rows("SELECT t.revoked_at FROM refresh_tokens t JOIN accounts a "
                + "ON a.id = t.user_id WHERE a.username = ?", username);
        assertThat(family).hasSize(3).allSatisfy(row -> assertThat(row.get("revoked_at")).isNotNull());
    }

    @Test
    void aRevokedRefreshTokenNoLongerRefreshes() {
        String username = TestServer.newUsername();
        TestServer.require(server.register(username), 201);
        String token = server.login(username).json().get("refresh_token").asText();
        String otherLogin = server.login(username).json().get("refresh_token").asText();

        Reply revoked = server.post("/v1/auth/token/revoke", null,
                Map.of("token", token, "token_type_hint", "refresh_token"));
        Reply refresh = server.post("/v1/auth/token/refresh", null, Map.of("refresh_token", token));
        Reply otherRefresh = server.post("/v1/auth/token/refresh", null, Map.of("refresh_token", otherLogin));

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(refresh.status()).isEqualTo(401);
        assertThat(otherRefresh.status()).as("another login of the same user is another family").isEqualTo(200);
    }

    @Test
    void listsHundredsOfSessionsInStablePagesWithFiltersAndTotals() throws Exception {
        String token = server.newUserToken();
        String otherUser = server.newUserToken();
        List<String> types = List.of("breathing", "meditation", "yoga");
        int count = 240;
        Map<String, String> typeOf = new java.util.concurrent.ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String type = types.get(i % types.size());
                String name = "session " + i;
                created.add(pool.submit(() -> {
                    Reply reply = server.post("/v1/sessions", token, Map.of("name", name, "type", type));
                    String id = TestServer.require(reply, 201).json().get("id").asText();
                    typeOf.put(id, type);
                    return id;
                }));
            }
            for (Future<String> future : created) {
                future.get();
            }
        }
        List<String> ids = new ArrayList<>(typeOf.keySet());
        Set<String> paused = new HashSet<>();
        for (int i = 0; i < ids.size(); i += 6) {
            String id = ids.get(i);
            TestServer.require(server.call("PATCH", "/v1/sessions/" + id, token, Map.of("status", "paused")), 200);
            paused.add(id);
        }

        List<JsonNode> everything = pages(token, "", 37, count);
        assertThat(everything).extracting(s -> s.get("id").asText()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids);
        assertNewestFirst(everything);

        for (String type : types) {
            Set<String> expected = new HashSet<>(typeOf.entrySet().stream().filter(e -> e.getValue().equals(type))
                    .map(Map.Entry::getKey).toList());
            List<JsonNode> page = pages(token, "&type=" + type, 20, expected.size());
            assertThat(page).extracting(s -> s.get("id").asText()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(page).allSatisfy(s -> assertThat(s.get("type").asText()).isEqualTo(type));
        }
        List<JsonNode> pausedPages = pages(token, "&status=paused", 7, paused.size());
        assertThat(pausedPages).extracting(s -> s.get("id").asText()).containsExactlyInAnyOrderElementsOf(paused);
        Set<String> pausedPlayers = new HashSet<>(paused);
        pausedPlayers.removeIf(id -> !typeOf.get(id).equals("meditation"));
        assertThat(pages(token, "&status=paused&type=meditation", 5, pausedPlayers.size()))
                .extracting(s -> s.get("id").asText()).containsExactlyInAnyOrderElementsOf(pausedPlayers);
        assertThat(pages(token, "&status=active", 100, count - paused.size())).hasSize(count - paused.size());
        assertThat(server.get("/v1/sessions", otherUser).json().get("total").asLong())
                .as("another user sees none of them").isZero();
        assertThat(schema.rows("SELECT count(*) AS n FROM sessions WHERE status = 'paused'").getFirst().get("n"))
                .isEqualTo((long) paused.size());
    }

    /** Walks every page of a listing; each page must report the same total, {@code expectedTotal}. */
    private static List<JsonNode> pages(String token, String filters, int limit, int expectedTotal) {
        List<JsonNode> all = new ArrayList<>();
        for (int offset = 0; ; offset += limit) {
            Reply page = TestServer.require(server.get("/v1/sessions?limit=" + limit + "&offset=" + offset
                    + filters, token), 200);
            assertThat(page.json().get("total").asLong()).as("total of page at %d%s", offset, filters)
                    .isEqualTo(expectedTotal);
            assertThat(page.json().get("limit").asInt()).isEqualTo(limit);
            assertThat(page.json().get("offset").asInt()).isEqualTo(offset);
            JsonNode sessions = page.json().get("sessions");
            sessions.forEach(all::add);
            if (offset + limit >= expectedTotal) {
                assertThat(sessions.size()).as("last page%s", filters).isEqualTo(expectedTotal - offset);
                return all;
            }
            assertThat(sessions.size()).as("a full page at %d%s", offset, filters).isEqualTo(limit);
        }
    }

    /** Newest first (the wire shows milliseconds, so ties there may be ordered by finer time or by id). */
    private static void assertNewestFirst(List<JsonNode> sessions) {
        for (int i = 1; i < sessions.size(); i++) {
            Instant before = Instant.parse(sessions.get(i - 1).get("createdAt").asText());
            Instant after = Instant.parse(sessions.get(i).get("createdAt").asText());
            assertThat(before).as("created-at order at %d", i).isAfterOrEqualTo(after);
        }
    }

    @Test
    void devicesAreRegisteredOnConnectAuditedOnHandoffAndRemoved() {
        String token = server.newUserToken();
        String session = "pg-e2e-" + java.util.UUID.randomUUID();
        TestServer.require(server.createSession(token, session, "Evening flow", "breathing"), 201);

        try (WsClient phone = server.join(token, session, "phone", "ios");
             WsClient laptop = server.join(token, session, "laptop", "web")) {
            Reply devices = server.get("/v1/sessions/" + session + "/devices", token);
            assertThat(devices.status()).isEqualTo(200);
            assertThat(devices.json().get("devices")).extracting(d -> d.get("id").asText())
                    .containsExactly("phone", "laptop");
            assertThat(devices.json().get("devices")).allSatisfy(d -> assertThat(d.get("online").asBoolean()).isTrue());
            // The registry is written off the join path, in order, moments later.
            Eventually.until("both devices are in the registry", Duration.ofSeconds(10), () -> schema.rows(
                    "SELECT device_id FROM session_devices WHERE session_id LIKE ?", "%/" + session).size() == 2);
            assertThat(schema.rows("SELECT device_id, kind FROM session_devices WHERE session_id LIKE ? "
                    + "ORDER BY joined_seq", "%/" + session)).containsExactly(
                    Map.of("device_id", "phone", "kind", "ios"), Map.of("device_id", "laptop", "kind", "web"));

            Reply handoff = server.post("/v1/sessions/" + session + "/handoff", token, Map.of("toDeviceId", "laptop"));
            assertThat(handoff.status()).as(handoff.text()).isEqualTo(200);
            Eventually.until("the handoff is audited", Duration.ofSeconds(10), () -> !schema.rows(
                    "SELECT to_device FROM handoffs WHERE session_id LIKE ?", "%/" + session).isEmpty());
            List<Map<String, Object>> audit = schema.rows("SELECT to_device, latency_micros FROM handoffs "
                    + "WHERE session_id LIKE ?", "%/" + session);
            assertThat(audit).hasSize(1);
            assertThat(audit.getFirst().get("to_device")).isEqualTo("laptop");
            assertThat((Long) audit.getFirst().get("latency_micros")).isNotNegative();

            Reply removed = server.call("DELETE", "/v1/sessions/" + session + "/devices/phone", token, null);
            assertThat(removed.status()).as(removed.text()).isBetween(200, 204);
            assertThat(phone.awaitClose().code()).as("the removed device is disconnected").isPositive();
            assertThat(server.get("/v1/sessions/" + session + "/devices", token).json().get("devices"))
                    .extracting(d -> d.get("id").asText()).containsExactly("laptop");
            Eventually.until("the removed device leaves the registry", Duration.ofSeconds(10), () -> schema.rows(
                    "SELECT device_id FROM session_devices WHERE session_id LIKE ?", "%/" + session).size() == 1);
            assertThat(schema.rows("SELECT device_id FROM session_devices WHERE session_id LIKE ?", "%/" + session))
                    .extracting(r -> r.get("device_id")).containsExactly("laptop");
            assertThat(laptop.isClosed()).isFalse();
        }
    }
}
