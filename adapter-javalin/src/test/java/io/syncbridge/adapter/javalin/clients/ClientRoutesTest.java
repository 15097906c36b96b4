package io.syncbridge.adapter.javalin.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.adapter.javalin.GatewayServer;
import io.syncbridge.adapter.javalin.GatewaySettings;
import io.syncbridge.adapter.jwt.HmacAccessTokens;
import io.syncbridge.application.SyncBridge;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The browser SDK and the demo page come from the jar, with their content types, and nothing else does. */
class ClientRoutesTest {

    private static GatewayServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        server = GatewayServer.builder(SyncBridge.builder().build(),
                        new HmacAccessTokens(secret, Duration.ofMinutes(15), Clock.systemUTC()))
                .settings(GatewaySettings.DEFAULT.withPort(0)).build().start();
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
    void servesTheModuleAsJavaScriptWithoutAToken() throws Exception {
        HttpResponse<String> module = get("/sdk/syncbridge.js");
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(module.body()).contains("export class SyncClient").contains("export function applyPatch");
    }

    @Test
    void servesTheTypeDeclarationsAndTheQrEncoder() throws Exception {
        assertThat(get("/sdk/syncbridge.d.ts").body()).contains("export declare class SyncClient");
        assertThat(get("/sdk/qrcode.js").body()).contains("export function encodeQr");
    }

    @Test
    void servesTheDemoPageWithAContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/demo");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"/demo/demo.js\">");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(p ->
                assertThat(p).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(get("/demo/demo.js").body()).contains("from '/sdk/syncbridge.js'");
        assertThat(get("/demo/demo.css").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesFilesThatAreNotListed() throws Exception {
        assertThat(get("/sdk/package.json").statusCode()).isEqualTo(404);
        assertThat(get("/sdk/..%2F..%2Fapplication.conf").statusCode()).isEqualTo(404);
        assertThat(get("/demo/index.html").statusCode()).isEqualTo(404);
    }
}
