package io.syncbridge.adapter.javalin.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.adapter.javalin.GatewayFixture;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.inmemory.InMemoryChangeFeed;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulStopTest {

    @Test
    void aRequestInFlightIsAnsweredWhileTheServerStops() throws Exception {
        GatewayFixture gateway = new GatewayFixture();
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);
        java.net.http.HttpRequest request = gateway.request("GET", "/v1/sessions/" + id + "/changes?since=0&wait=2",
                token, null).build();
        CompletableFuture<HttpResponse<String>> poll = gateway.http.sendAsync(request,
                HttpResponse.BodyHandlers.ofString());
        waitUntilPolling(gateway, gateway.sessionIdOf(token, id));

        gateway.close();

        HttpResponse<String> answered = poll.get(15, TimeUnit.SECONDS);
        gateway.conforms(request, answered);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).contains("\"changes\":[]");
    }

    /** The long poll waits on a subscription to the session's feed: once there is one, it is in flight. */
    private static void waitUntilPolling(GatewayFixture gateway, SessionId id) throws InterruptedException {
        InMemoryChangeFeed feed = (InMemoryChangeFeed) gateway.core.ports().feed();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (feed.subscribers(id) == 0) {
            assertThat(System.nanoTime()).as("the poll started within 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
