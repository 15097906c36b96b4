package io.syncbridge.adapter.javalin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the HTTP connector against clients that hold connections without using them: counts the
 * open TCP connections of each client address (as accepted, until closed) and closes at once one
 * that would take its address past the cap, and closes a connection that takes longer than the
 * header time-out (at most twice it, as checked) over a request head: a client sending a byte now
 * and then never trips the idle time-out. The WebSocket gateway caps its own connections per
 * address on top.
 */
final class ConnectionGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final HttpLimits limits;
    private final Scheduler scheduler;
    private final Map<SelectableChannel, String> addresses = new ConcurrentHashMap<>();
    private final Map<String, Integer> openPerAddress = new ConcurrentHashMap<>();
    private final Set<SelectableChannel> refused = ConcurrentHashMap.newKeySet();

    ConnectionGuard(HttpLimits limits, Scheduler scheduler) {
        this.limits = limits;
        this.scheduler = scheduler;
    }

    /** Installs the guard on a running connector: its accept and connection events come here. */
    void install(ServerConnector connector) {
        connector.getSelectorManager().addEventListener(new SelectorManager.AcceptListener() {
            @Override
            public void onAccepted(SelectableChannel channel) {
                accepted(channel);
            }

            @Override
            public void onClosed(SelectableChannel channel) {
                closed(channel);
            }
        });
        connector.addEventListener(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                opened(connection);
            }
        });
    }

    private void accepted(SelectableChannel channel) {
        String address = addressOf(channel);
        addresses.put(channel, address);
        int open = openPerAddress.merge(address, 1, Integer::sum);
        if (limits.maxConnectionsPerAddress() > 0 && open > limits.maxConnectionsPerAddress()) {
            // Closed as soon as its connection opens; counted until then like any other.
            refused.add(channel);
        }
    }

    private void closed(SelectableChannel channel) {
        refused.remove(channel);
        String address = addresses.remove(channel);
        if (address != null) {
            openPerAddress.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
        }
    }

    private void opened(Connection connection) {
        EndPoint endPoint = connection.getEndPoint();
        if (endPoint.getTransport() instanceof SelectableChannel channel && refused.contains(channel)) {
            LOG.debug("refusing a connection from {}: it has {} open", addresses.get(channel),
                    limits.maxConnectionsPerAddress());
            endPoint.close();
            return;
        }
        if (connection instanceof HttpConnection http) {
            watch(http, http.getMessagesIn(), false);
        }
    }

    /**
     * Checks the connection once per header time-out. The first request head must be complete by
     * the first check; after that, a connection found in the middle of a request head at two checks
     * in a row, with no request completed in between, is trickling it and is closed. Stops when
     * the connection closes or is replaced (a WebSocket upgrade).
     */
    private void watch(HttpConnection connection, long messagesBefore, boolean midHeadBefore) {
        scheduler.schedule(() -> check(connection, messagesBefore, midHeadBefore), limits.headerTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void check(HttpConnection connection, long messagesBefore, boolean midHeadBefore) {
        EndPoint endPoint = connection.getEndPoint();
        if (!endPoint.isOpen() || endPoint.getConnection() != connection) {
            return;
        }
        long messages = connection.getMessagesIn();
        // Read from another thread than the parser's: a stale value only delays the cut by one check.
        boolean midHead = connection.getParser().inHeaderState() && !connection.getParser().isStart();
        boolean neverCompleted = messages == 0;
        boolean trickling = midHead && midHeadBefore && messages == messagesBefore;
        if (neverCompleted || trickling) {
            LOG.debug("closing a connection from {} that did not complete a request head within {} ms",
                    endPoint.getRemoteSocketAddress(), limits.headerTimeout().toMillis());
            endPoint.close();
            return;
        }
        watch(connection, messages, midHead);
    }

    /** How many connections the address holds now (for tests and metrics). */
    int openConnections(String address) {
        return openPerAddress.getOrDefault(address, 0);
    }

    private static String addressOf(SelectableChannel channel) {
        if (channel instanceof SocketChannel socket) {
            try {
                SocketAddress remote = socket.getRemoteAddress();
                if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
                    return inet.getAddress().getHostAddress();
                }
                return String.valueOf(remote);
            } catch (IOException e) {
                return "unknown";
            }
        }
        return "unknown";
    }
}
