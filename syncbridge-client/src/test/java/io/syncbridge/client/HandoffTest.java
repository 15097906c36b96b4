package io.syncbridge.client;

import static io.syncbridge.client.LiveSessionSyncTest.add;
import static io.syncbridge.client.LiveSessionSyncTest.client;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.state.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Handing a session from one client to another: by request, and by a handoff token the other claims. */
class HandoffTest {

    private static TestServer server;
    private final String user = TestServer.newId("user");
    private final String session = TestServer.newId("session");

    @BeforeAll
    static void startServer() {
        server = TestServer.inMemory();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aRequestedHandoffGivesTheTargetTheStateAndTellsBoth() throws Exception {
        // The first device to join holds the session: the phone must be in before the laptop connects.
        try (LiveSession phone = joined(client(server, server.endpoint(), user, session, "phone"));
             LiveSession laptop = joined(client(server, server.endpoint(), user, session, "laptop"))) {
            List<HandoffEvent> laptopEvents = Collections.synchronizedList(new ArrayList<>());
            laptop.onHandoff(laptopEvents::add);
            phone.change(add("/position", 42)).get(30, TimeUnit.SECONDS);
            assertThat(phone.activeDevice()).isEqualTo("phone");
            Waits.until("the phone sees the laptop", () -> phone.devices().stream().anyMatch(d -> d.id().equals("laptop")));

            HandoffEvent.Completed done = phone.requestHandoff("laptop").get(30, TimeUnit.SECONDS);

            assertThat(done.fromDeviceId()).isEqualTo("phone");
            assertThat(done.toDeviceId()).isEqualTo("laptop");
            Waits.until("the laptop told", () -> laptopEvents.size() == 2);
            assertThat(laptopEvents.get(0)).isInstanceOfSatisfying(HandoffEvent.HandedToThisDevice.class, start -> {
                assertThat(start.fromDeviceId()).isEqualTo("phone");
                assertThat(start.version()).isEqualTo(1);
                assertThat(start.state().get("position")).contains(JsonValue.of(42));
            });
            assertThat(laptopEvents.get(1)).isEqualTo(done);
            Waits.until("both know the laptop holds it",
                    () -> laptop.activeDevice().equals("laptop") && phone.activeDevice().equals("laptop"));
            assertThat(phone.devices()).filteredOn(DeviceInfo::active).extracting(DeviceInfo::id)
                    .containsExactly("laptop");
        }
    }

    @Test
    void aHandoffTokenClaimedByANewDeviceOpensTheSessionThereWithItsState() throws Exception {
        try (LiveSession phone = client(server, server.endpoint(), user, session, "phone").connect()) {
            phone.connected().get(30, TimeUnit.SECONDS);
            phone.change(add("/track", 3)).get(30, TimeUnit.SECONDS);
            List<HandoffEvent> phoneEvents = Collections.synchronizedList(new ArrayList<>());
            phone.onHandoff(phoneEvents::add);

            HandoffGrant grant = phone.requestHandoffToken(Duration.ofSeconds(60)).get(30, TimeUnit.SECONDS);
            assertThat(grant.token()).isNotBlank();

            try (LiveSession tablet = SyncClient.builder(server.endpoint(), session, "tablet")
                    .claimHandoff(grant.token()).device("android", "tablet").connect()) {
                tablet.connected().get(30, TimeUnit.SECONDS);

                assertThat(tablet.state().get("track")).contains(JsonValue.of(3));
                assertThat(tablet.version()).isEqualTo(1);
                Waits.until("the phone told", () -> phoneEvents.size() == 1);
                assertThat(phoneEvents.get(0)).isInstanceOfSatisfying(HandoffEvent.Completed.class, done -> {
                    assertThat(done.fromDeviceId()).isEqualTo("phone");
                    assertThat(done.toDeviceId()).isEqualTo("tablet");
                });
                assertThat(tablet.activeDevice()).isEqualTo("tablet");
                // The claimed session works like any other: a change from the tablet reaches the phone.
                tablet.change(add("/track", 4)).get(30, TimeUnit.SECONDS);
                Waits.until("the phone has the tablet's change", () -> phone.version() == 2);
                assertThat(phone.state().get("track")).contains(JsonValue.of(4));
            }
        }
    }

    @Test
    void aHandoffTokenClaimedTwiceFailsTheSecondClient() throws Exception {
        try (LiveSession phone = client(server, server.endpoint(), user, session, "phone").connect()) {
            phone.connected().get(30, TimeUnit.SECONDS);
            HandoffGrant grant = phone.requestHandoffToken(Duration.ofSeconds(60)).get(30, TimeUnit.SECONDS);
            try (LiveSession first = SyncClient.builder(server.endpoint(), session, "tablet")
                    .claimHandoff(grant.token()).connect()) {
                first.connected().get(30, TimeUnit.SECONDS);
            }
            try (LiveSession second = SyncClient.builder(server.endpoint(), session, "watch")
                    .claimHandoff(grant.token()).connect()) {
                Waits.until("the second claim refused", () -> second.connected().isCompletedExceptionally());
                assertThat(second.status()).isEqualTo(Status.CLOSED);
                assertThat(second.lastProblem()).contains("HANDOFF_TOKEN_INVALID");
            }
        }
    }

    /** Connects and waits until the server has let the device in. */
    private static LiveSession joined(SyncClient.Builder client) throws Exception {
        LiveSession live = client.connect();
        live.connected().get(30, TimeUnit.SECONDS);
        return live;
    }
}
