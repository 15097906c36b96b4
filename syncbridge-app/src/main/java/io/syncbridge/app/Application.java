package io.syncbridge.app;

import io.syncbridge.adapter.javalin.GatewayServer;
import io.syncbridge.adapter.micrometer.ServerMetrics;
import io.syncbridge.application.SyncBridge;
import io.syncbridge.port.out.AccessTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running server: the gateway, the core behind it, and what must be closed when it stops. */
public final class Application implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private final SyncBridge core;
    private final AccessTokens tokens;
    private final GatewayServer gateway;
    private final ServerMetrics metrics;
    private final List<AutoCloseable> resources;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);

    Application(SyncBridge core, AccessTokens tokens, GatewayServer gateway, ServerMetrics metrics,
                List<AutoCloseable> resources) {
        this.core = Objects.requireNonNull(core, "core");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.resources = new ArrayList<>(resources);
    }

    public int port() {
        return gateway.port();
    }

    public SyncBridge core() {
        return core;
    }

    public AccessTokens tokens() {
        return tokens;
    }

    /** Blocks until the server has stopped. */
    public void awaitStop() throws InterruptedException {
        done.await();
    }

    /**
     * Graceful stop: the gateway stops accepting and closes its connections (1001), then the
     * background work and the adapters' connections are closed, newest first. Idempotent.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            gateway.stop();
            for (int i = resources.size() - 1; i >= 0; i--) {
                try {
                    resources.get(i).close();
                } catch (Exception e) {
                    LOG.warn("closing {} failed: {}", resources.get(i), e.toString());
                }
            }
            metrics.close();
            LOG.info("SyncBridge stopped");
        } finally {
            done.countDown();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
