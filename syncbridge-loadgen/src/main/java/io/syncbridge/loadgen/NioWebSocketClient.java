package io.syncbridge.loadgen;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal WebSocket client on {@code java.nio} for the load generator: two selector threads
 * read, handshake and flush every socket, so that hundreds of sockets cost two threads and reused
 * buffers rather than the JDK client's per-message futures and copies (ws:// only).
 */
final class NioWebSocketClient implements WebSocketClient {

    /**
     * Two, not one: on two shared cores a single thread gets only its fair share of a busy CPU,
     * and one per core lets the generator keep up when other processes compete.
     */
    static final int SELECTOR_THREADS = 2;

    /**
     * Loopback source addresses the sockets are spread over (127.0.0.2 onwards). From one source
     * address to one server port, the kernel's ephemeral-port search slows down once ~15,000
     * sockets hold ports (each connect then costs ~400 µs of CPU here, against ~25 µs), which
     * would time the generator's kernel rather than the server; real clients come from many
     * addresses anyway.
     */
    static final int LOOPBACK_SOURCES = 16;

    private final SelectorLoop[] loops = new SelectorLoop[SELECTOR_THREADS];
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final AtomicInteger nextSource = new AtomicInteger();

    NioWebSocketClient() {
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new SelectorLoop("load-nio-selector-" + i);
        }
    }

    @Override
    public CompletableFuture<Connection> connect(URI uri, Listener listener, Duration timeout) {
        if (!"ws".equalsIgnoreCase(uri.getScheme())) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "the NIO client speaks ws:// only; use --client jdk for " + uri.getScheme()));
        }
        InetSocketAddress remote;
        try {
            remote = remoteAddress(uri);
        } catch (UnknownHostException e) {
            return CompletableFuture.failedFuture(e);
        }
        SelectorLoop loop = loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
        NioConnection connection = new NioConnection(loop, uri, remote, sourceFor(remote), listener);
        loop.execute(connection::start);
        return connection.opened().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        connection.abort();
                    }
                });
    }

    private static InetSocketAddress remoteAddress(URI uri) throws UnknownHostException {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(InetAddress.getByName(host), uri.getPort() < 0 ? 80 : uri.getPort());
    }

    /** The next of the loopback source addresses for an IPv4 loopback server; null (the kernel's choice) otherwise. */
    InetSocketAddress sourceFor(InetSocketAddress remote) {
        if (!(remote.getAddress() instanceof Inet4Address target) || !target.isLoopbackAddress()) {
            return null;
        }
        int index = Math.floorMod(nextSource.getAndIncrement(), LOOPBACK_SOURCES);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + index)}), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    @Override
    public void close() {
        for (SelectorLoop loop : loops) {
            loop.close();
        }
    }
}
