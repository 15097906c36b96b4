package io.syncbridge.adapter.javalin;

import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.session.DefaultSessionIdManager;
import org.eclipse.jetty.session.NullSessionCacheFactory;

/**
 * Makes the servlet HTTP sessions that Javalin opens cost nothing: SyncBridge keeps no HTTP
 * sessions, yet Javalin opens one on every WebSocket upgrade (to copy its attributes into the
 * WsContext). Jetty's defaults would keep each of them in memory with no expiry, one per
 * connection ever made, draw each id from /dev/urandom under one server-wide lock (with
 * thousands of devices reconnecting, upgrades queued on that lock), and send a cookie nobody
 * reads. Here the sessions are not cached, their ids come from no shared lock and no cookie is set.
 */
final class UnkeptHttpSessions {

    private UnkeptHttpSessions() {
    }

    /** Before the server starts: the beans its session handlers pick up when they start. */
    static void register(Server server) {
        server.addBean(new UnlockedIdManager(server), true);
        server.addBean(new NullSessionCacheFactory(), true);
    }

    /** The context's session handler: no session cookie. */
    static void configure(SessionHandler sessions) {
        sessions.setUsingCookies(false);
        sessions.setUsingUriParameters(false);
    }

    /**
     * Ids of sessions that are neither kept nor sent (no cache, no cookie), so they need to be
     * neither secret nor drawn under Jetty's lock; unique enough for Jetty's bookkeeping.
     */
    private static final class UnlockedIdManager extends DefaultSessionIdManager {

        UnlockedIdManager(Server server) {
            super(server);
        }

        @Override
        public String newSessionId(long seedTerm) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return "u" + Long.toUnsignedString(random.nextLong(), 36) + Long.toUnsignedString(random.nextLong(), 36);
        }
    }
}
