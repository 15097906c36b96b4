package io.syncbridge.port.out.contract;

import static io.syncbridge.port.out.contract.Fixtures.deviceId;
import static io.syncbridge.port.out.contract.Fixtures.sessionId;
import static io.syncbridge.port.out.contract.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.out.Presence;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link Presence}. Every presence adapter subclasses it.
 *
 * <p>What the contract decides where the port's Javadoc leaves room:
 * <ul>
 *   <li>A connection entry is live while the injected clock is before its last
 *       {@code connected}/{@code refresh} time plus the ttl given then; an expired entry counts for
 *       nothing (not online, not a device's earlier connection).</li>
 *   <li>{@code connected} returns true when the device has no other live connection in the session
 *       (recording the same connection id again is not another connection).</li>
 *   <li>{@code refresh} extends a live entry only: a connection that was removed or has expired
 *       stays gone.</li>
 *   <li>{@code disconnected} returns true when the device has no live connection left (also when
 *       the connection was unknown).</li>
 *   <li>Of racing connects (or disconnects) of one device exactly one is told it was the first (or
 *       the last).</li>
 * </ul>
 *
 * <p>{@link #create} is called before each test and must give presence over empty data.
 */
public abstract class PresenceContract {

    protected static final Duration TTL = Duration.ofSeconds(60);

    protected final MutableClock clock = new MutableClock();
    private Presence presence;

    /** Presence over empty data that decides expiry with {@code clock}. */
    protected abstract Presence create(MutableClock clock);

    /** Called after each test: release or empty what {@link #create} made. */
    protected void cleanUp() throws Exception {
    }

    @BeforeEach
    final void createPresence() {
        presence = create(clock);
    }

    @AfterEach
    final void cleanUpPresence() throws Exception {
        cleanUp();
    }

    protected final Presence presence() {
        return presence;
    }

    @Test
    void firstConnectionOfDeviceIsReportedFirst() {
        SessionId session = sessionId();
        DeviceId device = deviceId();

        assertThat(presence.connected(session, device, connection(), TTL)).isTrue();
        assertThat(presence.connected(session, device, connection(), TTL)).isFalse();
        assertThat(presence.connected(session, deviceId(), connection(), TTL)).as("another device").isTrue();
        assertThat(presence.connected(sessionId(), device, connection(), TTL)).as("another session").isTrue();
    }

    @Test
    void recordingSameConnectionAgainIsStillTheFirst() {
        SessionId session = sessionId();
        DeviceId device = deviceId();
        String connection = connection();
        presence.connected(session, device, connection, TTL);

        assertThat(presence.connected(session, device, connection, TTL)).isTrue();
    }

    @Test
    void connectingAndListingAnswersTheDevicesOnlineWithTheNewConnection() {
        SessionId session = sessionId();
        DeviceId phone = deviceId();
        DeviceId laptop = deviceId();
        DeviceId lapsed = deviceId();
        presence.connected(session, phone, connection(), TTL);
        presence.connected(session, lapsed, connection(), Duration.ofSeconds(10));
        presence.connected(sessionId(), deviceId(), connection(), TTL);
        clock.advance(Duration.ofSeconds(10)); // the lapsed entry is gone, the others are live
        String laptopConnection = connection();

        assertThat(presence.connectedAndOnline(session, laptop, laptopConnection, TTL))
                .containsExactlyInAnyOrder(phone, laptop);
        assertThat(presence.online(session)).containsExactlyInAnyOrder(phone, laptop);
        assertThat(presence.disconnected(session, laptop, laptopConnection)).as("recorded as any connection").isTrue();
    }

    @Test
    void onlineListsDevicesWithLiveConnections() {
        SessionId session = sessionId();
        DeviceId phone = deviceId();
        DeviceId laptop = deviceId();
        presence.connected(session, phone, connection(), TTL);
        presence.connected(session, phone, connection(), TTL);
        presence.connected(session, laptop, connection(), TTL);
        presence.connected(sessionId(), deviceId(), connection(), TTL);

        assertThat(presence.online(session)).containsExactlyInAnyOrder(phone, laptop);
        assertThat(presence.online(sessionId())).isEmpty();
    }

    @Test
    void lastDisconnectionOfDeviceIsReportedLast() {
        SessionId session = sessionId();
        DeviceId device = deviceId();
        DeviceId other = deviceId();
        String first = connection();
        String second = connection();
        presence.connected(session, device, first, TTL);
        presence.connected(session, device, second, TTL);
        presence.connected(session, other, connection(), TTL);

        assertThat(presence.disconnected(session, device, first)).isFalse();
        assertThat(presence.online(session)).containsExactlyInAnyOrder(device, other);
        assertThat(presence.disconnected(session, device, second)).isTrue();
        assertThat(presence.online(session)).containsExactly(other);
    }

    @Test
    void disconnectingUnknownConnectionReportsWhetherAnyIsLeft() {
        SessionId session = sessionId();
        DeviceId device = deviceId();

        assertThat(presence.disconnected(session, device, connection())).isTrue();

        presence.connected(session, device, connection(), TTL);
        assertThat(presence.disconnected(session, device, connection())).isFalse();
        assertThat(presence.online(session)).containsExactly(device);
    }

    @Test
    void connectionExpiresWithoutRefresh() {
        SessionId session = sessionId();
        DeviceId device = deviceId();
        presence.connected(session, device, connection(), TTL);

        clock.advance(TTL.minusMillis(1));
        assertThat(presence.online(session)).containsExactly(device);

        clock.advance(Duration.ofMillis(1));
        assertThat(presence.online(session)).isEmpty();
        assertThat(presence.connected(session, device, connection(), TTL)).as("the expired one is no ghost").isTrue();
    }

    @Test
    void refreshKeepsConnectionAlive() {
        SessionId session = sessionId();
        DeviceId device = deviceId();
        String connection = connection();
        presence.connected(session, device, connection, TTL);

        clock.advance(Duration.ofSeconds(40));
        presence.refresh(session, device, connection, TTL);
        clock.advance(Duration.ofSeconds(40));

        assertThat(presence.online(session)).containsExactly(device);
        assertThat(presence.connected(session, device, connection(), TTL)).isFalse();
    }

    @Test
    void refreshDoesNotReviveRemovedOrExpiredConnection() {
        SessionId session = sessionId();
        DeviceId closed = deviceId();
        DeviceId lapsed = deviceId();
        String closedConnection = connection();
        String lapsedConnection = connection();
        presence.connected(session, closed, closedConnection, TTL);
        presence.connected(session, lapsed, lapsedConnection, Duration.ofSeconds(10));
        presence.disconnected(session, closed, closedConnection);
        clock.advance(Duration.ofSeconds(10));

        presence.refresh(session, closed, closedConnection, TTL);
        presence.refresh(session, lapsed, lapsedConnection, TTL);

        assertThat(presence.online(session)).isEmpty();
    }

    @Test
    void exactlyOneOfRacingConnectsIsTheFirst() {
        SessionId session = sessionId();
        DeviceId device = deviceId();
        List<String> connections = IntStream.range(0, 8).mapToObj(i -> connection()).toList();

        List<Boolean> firsts = Concurrently.run(connections.size(),
                i -> presence.connected(session, device, connections.get(i), TTL));

        assertThat(firsts).containsOnlyOnce(true);
        assertThat(presence.online(session)).containsExactly(device);
    }

    @Test
    void exactlyOneOfRacingDisconnectsIsTheLast() {
        SessionId session = sessionId();
        DeviceId device = deviceId();
        List<String> connections = IntStream.range(0, 8).mapToObj(i -> connection()).toList();
        connections.forEach(c -> presence.connected(session, device, c, TTL));

        List<Boolean> lasts = Concurrently.run(connections.size(),
                i -> presence.disconnected(session, device, connections.get(i)));

        assertThat(lasts).containsOnlyOnce(true);
        assertThat(presence.online(session)).isEmpty();
    }

    private static String connection() {
        return unique("conn");
    }
}
