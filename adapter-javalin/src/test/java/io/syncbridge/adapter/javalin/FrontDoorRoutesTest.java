package io.syncbridge.adapter.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.adapter.jwt.HmacAccessTokens;
import io.syncbridge.application.SyncBridge;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /} names the server and its version and links what is there, and only that. */
class FrontDoorRoutesTest {

    private static GatewayServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        GatewaySettings settings = GatewaySettings.builder().host("127.0.0.1").port(0).version("9.8.7-front").build();
        server = GatewayServer.builder(SyncBridge.builder().build(),
                        new HmacAccessTokens(secret, Duration.ofMinutes(15), Clock.systemUTC()))
                .settings(settings).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesAPageWithTheVersionAndLinksThatWorkWithoutAToken() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(page.body()).contains("<h1>SyncBridge</h1>").contains("version 9.8.7-front")
                .contains("href=\"/demo\"").contains("href=\"/health\"").contains("href=\"/metrics\"")
                .contains("href=\"/v1/openapi.json\"").contains("href=\"/sdk/syncbridge.js\"")
                .doesNotContain("href=\"/console\"");
        for (String linked : List.of("/demo", "/health", "/metrics", "/v1/openapi.json", "/sdk/syncbridge.js")) {
            assertThat(get(linked).statusCode()).as("GET %s", linked).isEqualTo(200);
        }
    }

    @Test
    void linksTheConsoleOnlyWhenItIsOnAndTheDemoOnlyWhenItIsInTheJar() {
        assertThat(FrontDoorRoutes.links(true, false)).extracting(FrontDoorRoutes.Link::href)
                .startsWith("/console").doesNotContain("/demo");
        assertThat(FrontDoorRoutes.links(false, true)).extracting(FrontDoorRoutes.Link::href)
                .startsWith("/demo").doesNotContain("/console");
    }

    @Test
    void escapesWhatItPrints() {
        String page = FrontDoorRoutes.page("1<script>", List.of(new FrontDoorRoutes.Link("/x?a=1&b=\"2\"", "T", "p")));

        assertThat(page).contains("1&lt;script&gt;").doesNotContain("1<script>")
                .contains("href=\"/x?a=1&amp;b=&quot;2&quot;\"");
    }
}
