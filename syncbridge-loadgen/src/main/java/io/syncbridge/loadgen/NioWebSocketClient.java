package io.syncbridge.loadgen;

import java.net.URI;
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

    private final SelectorLoop[] loops = new SelectorLoop[SELECTOR_THREADS];
    private final AtomicInteger nextLoop = new AtomicInteger();

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
        SelectorLoop loop = loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
        NioConnection connection = new NioConnection(loop, uri, listener);
        loop.execute(connection::start);
        return connection.opened().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        connection.abort();
                    }
                });
    }

    @Override
    public void close() {
        for (SelectorLoop loop : loops) {
            loop.close();
        }
    }
}
