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
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.SessionsUseCase.CreateSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console's routes on a real gateway over an in-memory core: credential, page, listing, live feed. */
class ConsoleRoutesTest {

    private static final ConsoleLogin LOGIN = new ConsoleLogin("ops", "a-long-console-password");
    private static final Caller ANN = Caller.user(new UserId("ann"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SyncBridge core = SyncBridge.inMemory();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private GatewayServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private void start(Optional<ConsoleLogin> login) {
        GatewayServer.Builder builder = GatewayServer.builder(core,
                        new HmacAccessTokens(new byte[32], Duration.ofMinutes(15), Clock.systemUTC()))
                .settings(GatewaySettings.DEFAULT.withPort(0));
        login.ifPresent(builder::console);
        server = builder.build().start();
    }

    @Test
    void isNotThereWithoutACredentialInTheConfiguration() throws Exception {
        start(Optional.empty());

        assertThat(get("/console", basic(LOGIN.user(), LOGIN.password())).statusCode()).isEqualTo(404);
        assertThat(get("/console/events", basic(LOGIN.user(), LOGIN.password())).statusCode()).isEqualTo(404);
    }

    @Test
    void asksForTheCredentialAndRefusesAWrongOne() throws Exception {
        start(Optional.of(LOGIN));

        HttpResponse<String> anonymous = get("/console", null);
        HttpResponse<String> wrong = get("/console/api/sessions", basic("ops", "not-the-password"));
        HttpResponse<String> wrongEvents = get("/console/events", basic("someone", LOGIN.password()));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h ->
                assertThat(h).startsWith("Basic realm=\"SyncBridge console\""));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("[");
        assertThat(wrongEvents.statusCode()).isEqualTo(401);
    }

    @Test
    void servesThePageAndItsAssetsFromTheJar() throws Exception {
        start(Optional.of(LOGIN));
        String auth = basic(LOGIN.user(), LOGIN.password());

        HttpResponse<String> page = get("/console", auth);
        HttpResponse<String> script = get("/console/console.js", auth);
        HttpResponse<String> style = get("/console/console.css", auth);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<title>SyncBridge console</title>", "/console/console.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("new EventSource('/console/events')");
        assertThat(get("/console/charts.js", auth).body()).contains("function drawChart(");
        assertThat(get("/console/session.js", auth).body()).contains("function renderDetail(");
        assertThat(style.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(get("/console/secret.txt", auth).statusCode()).isEqualTo(404);
    }

    @Test
    void listsEveryOwnersSessionsWithTheirDevices() throws Exception {
        start(Optional.of(LOGIN));
        Session session = core.sessions().create(ANN, new CreateSession(Optional.empty(), "Flow", "yoga",
                SessionSettings.DEFAULT));

        HttpResponse<String> listing = get("/console/api/sessions", basic(LOGIN.user(), LOGIN.password()));

        assertThat(listing.statusCode()).isEqualTo(200);
        JsonNode page = JSON.readTree(listing.body());
        assertThat(page.path("total").asLong()).isEqualTo(1);
        JsonNode first = page.path("sessions").get(0);
        assertThat(first.path("id").asText()).isEqualTo(session.id().value());
        assertThat(first.path("owner").asText()).isEqualTo("ann");
        assertThat(first.path("version").asLong()).isZero();
        assertThat(first.path("devices").isArray()).isTrue();
    }

    @Test
    void streamsTheListThenEachChangeAsItHappens() throws Exception {
        start(Optional.of(LOGIN));
        Session session = core.sessions().create(ANN, new CreateSession(Optional.empty(), "Flow", "yoga",
                SessionSettings.DEFAULT));
        HttpRequest request = HttpRequest.newBuilder(uri("/console/events"))
                .header("Authorization", basic(LOGIN.user(), LOGIN.password())).build();
        HttpResponse<InputStream> stream = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        BlockingQueue<String[]> events = new ArrayBlockingQueue<>(100);
        Thread reader = Thread.ofVirtual().start(() -> readEvents(stream.body(), events));
        try {
            assertThat(stream.statusCode()).isEqualTo(200);
            String[] list = next(events, "sessions");
            assertThat(JSON.readTree(list[1]).get(0).path("id").asText()).isEqualTo(session.id().value());

            core.sync().apply(ANN, session.id(), new Change(new MutationId("m-1"), 0,
                    List.of(new PatchOperation.Add(JsonPointer.parse("/pose"), JsonValue.of("tree"))),
                    new DeviceId("phone"), Instant.now()));

            JsonNode updated = JSON.readTree(next(events, "session")[1]);
            assertThat(updated.path("version").asLong()).isEqualTo(1);
            assertThat(updated.path("state").asText()).isEqualTo("{\"pose\":\"tree\"}");
            JsonNode activity = JSON.readTree(next(events, "activity")[1]);
            assertThat(activity.path("event").asText()).isEqualTo("state.changed");
            assertThat(activity.path("summary").asText()).isEqualTo("v1 by phone: add /pose");
        } finally {
            stream.body().close();
            reader.interrupt();
        }
    }

    private static String[] next(BlockingQueue<String[]> events, String type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            String[] event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && event[0].equals(type)) {
                return event;
            }
        }
        throw new AssertionError("no '" + type + "' event within 10 s");
    }

    /** Parses the stream into (event, data) pairs. */
    private static void readEvents(InputStream body, BlockingQueue<String[]> events) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = "message";
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                } else if (line.isEmpty() && !data.isEmpty()) {
                    events.add(new String[] {event, data.toString()});
                    event = "message";
                    data.setLength(0);
                }
            }
        } catch (IOException closedByTheTest) {
            // The test closes the stream when it has seen enough.
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
