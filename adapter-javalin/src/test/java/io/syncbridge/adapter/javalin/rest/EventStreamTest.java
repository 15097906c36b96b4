package io.syncbridge.adapter.javalin.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.syncbridge.adapter.javalin.GatewayFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EventStreamTest {

    @RegisterExtension
    static final GatewayFixture gateway = new GatewayFixture();

    /** One Server-Sent Event as read off the wire. */
    record Event(String name, String id, JsonNode data) {
    }

    /** Reads a stream's events on a background thread. */
    static final class Reader implements AutoCloseable {
        final HttpResponse<Stream<String>> response;
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

        Reader(HttpRequest request) throws Exception {
            response = gateway.http.send(request, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() == 200) {
                gateway.conformsHead(request, response, ""); // the events themselves are read below
            }
            Thread.ofVirtual().start(() -> {
                String name = "message";
                String id = null;
                StringBuilder data = new StringBuilder();
                for (String line : (Iterable<String>) response.body()::iterator) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new Event(name, id, parse(data.toString())));
                        }
                        name = "message";
                        id = null;
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                }
            });
        }

        Event next() throws InterruptedException {
            Event event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("an event within 10 s").isNotNull();
            return event;
        }

        private static JsonNode parse(String text) {
            try {
                return GatewayFixture.JSON.readTree(text);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    @Test
    void streamsAcceptedChangesAsTheyHappen() throws Exception {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        try (Reader reader = new Reader(gateway.request("GET", "/v1/sessions/" + id + "/events", token, null)
                .header("Accept", "text/event-stream").build())) {
            assertThat(reader.response.statusCode()).isEqualTo(200);
            assertThat(reader.response.headers().firstValue("Content-Type").orElse(""))
                    .startsWith("text/event-stream");
            gateway.call("PATCH", "/v1/sessions/" + id + "/state/delta", token, Map.of("baseVersion", 0,
                    "mutationId", "m-live", "operations", List.of(Map.of("op", "add", "path", "/x", "value", 1))));

            Event event = reader.next();
            assertThat(event.name()).isEqualTo("state.changed");
            assertThat(event.id()).isEqualTo("1");
            assertThat(event.data().get("version").asLong()).isEqualTo(1);
            assertThat(event.data().get("mutationId").asText()).isEqualTo("m-live");
            assertThat(event.data().get("operations").get(0).get("path").asText()).isEqualTo("/x");
        }
    }

    @Test
    void resumesAfterTheLastEventIdWithTheChangesMissed() throws Exception {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);
        for (int v = 0; v < 3; v++) {
            gateway.call("PATCH", "/v1/sessions/" + id + "/state/delta", token, Map.of("baseVersion", v,
                    "mutationId", "m-" + v, "operations", List.of(Map.of("op", "add", "path", "/k" + v, "value", v))));
        }

        try (Reader reader = new Reader(gateway.request("GET", "/v1/sessions/" + id + "/events", token, null)
                .header("Last-Event-ID", "1").build())) {
            assertThat(reader.next().id()).isEqualTo("2");
            assertThat(reader.next().id()).isEqualTo("3");
        }
    }

    @Test
    void acceptsTheTokenAsAQueryParameterForEventSourceClients() throws Exception {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        try (Reader reader = new Reader(gateway.request("GET", "/v1/sessions/" + id + "/events?token=" + token,
                null, null).build())) {
            gateway.call("PATCH", "/v1/sessions/" + id, token, Map.of("name", "renamed"));

            Event event = reader.next();
            assertThat(event.name()).isEqualTo("session.updated");
            assertThat(event.data().get("sessionId").asText()).isEqualTo(id);
        }
    }

    @Test
    void endsTheStreamWhenTheSessionIsDeleted() throws Exception {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        try (Reader reader = new Reader(gateway.request("GET", "/v1/sessions/" + id + "/events", token, null)
                .build())) {
            gateway.call("DELETE", "/v1/sessions/" + id, token, null);

            Event event = reader.next();
            assertThat(event.name()).isEqualTo("session.deleted");
            assertThat(event.data().get("reason").asText()).isEqualTo("deleted");
        }
    }

    @Test
    void refusesAStreamWithoutAToken() {
        String token = gateway.newUserToken();
        String id = gateway.newSession(token);

        GatewayFixture.Reply reply = gateway.get("/v1/sessions/" + id + "/events", null);

        assertThat(reply.status()).isEqualTo(401);
    }
}
