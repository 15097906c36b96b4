package io.syncbridge.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.ws.WsClient;
import io.syncbridge.app.TestServer;

/** Traffic that makes the dashboard's WebSocket series exist: two devices, a change, a handoff and an offline batch. */
final class DashboardTraffic {

    private DashboardTraffic() {
    }

    /** Runs it on {@code session} of {@code user}, each step answered as it should be. */
    static void changeHandoffAndOfflineBatch(TestServer server, String user, String session) {
        try (WsClient phone = server.join(user, session, "phone");
             WsClient laptop = server.join(user, session, "laptop")) {
            phone.send(TestServer.change("m-1", 0, "/breaths", 4));
            assertThat(phone.await(12).path("payload").path("version").asLong()).isEqualTo(1);
            phone.send("{\"type\":18,\"payload\":{\"target_device_id\":\"laptop\"}}");
            assertThat(laptop.await(21).path("payload").path("to_device_id").asText()).isEqualTo("laptop");
            ObjectNode batch = TestServer.JSON.createObjectNode().put("type", 16);
            batch.putObject("payload").putArray("changes").add(TestServer.changePayload("o-1", 1, "/offline", true));
            laptop.send(batch);
            assertThat(laptop.await(17).path("payload").path("results").get(0).path("outcome").asText())
                    .isEqualTo("applied");
        }
    }
}
