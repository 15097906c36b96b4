package io.syncbridge.adapter.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback TCP forwarder to a real server that a test can take down and bring back on the same
 * port: down, it refuses connections and has cut every open one, which is what a pool sees when
 * the database host goes away. It can also become a black hole ({@link #blackHole()}): connections
 * are accepted and kept, bytes are swallowed both ways, nothing ever answers, as with a database
 * host that hangs or a firewall that drops packets.
 */
public final class TcpProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TcpProxy.class);

    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile boolean blackHole;
    private int port;

    public TcpProxy(String targetHost, int targetPort) {
        this.target = new InetSocketAddress(targetHost, targetPort);
    }

    public int port() {
        return port;
    }

    /** Listens (on the same port as before, after a {@link #stop()}) and forwards every connection. */
    public synchronized void start() throws IOException {
        ServerSocket socket = port == 0 ? bindBelowTheEphemeralRange() : reboundAfterStop(port);
        port = socket.getLocalPort();
        listener = socket;
        Thread.ofVirtual().name("tcp-proxy-accept").start(() -> accept(socket));
    }

    /**
     * A port below Linux's ephemeral range (32768 and up), so that while the proxy is stopped no
     * client's outgoing connection takes it: a client connecting to 127.0.0.1:p from the ephemeral
     * port p connects to itself, and the port was then in use when the proxy came back.
     */
    private static ServerSocket bindBelowTheEphemeralRange() throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return bound(random.nextInt(20_000, 32_000));
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * The same port again. Closing a listener whose accept thread is virtual and blocked returns before
     * the kernel socket is gone (the JDK closes the descriptor once that thread leaves accept), so a
     * bind right after stop() can briefly see the port in use (seen in CI): retried for up to 2 s.
     */
    private static ServerSocket reboundAfterStop(int port) throws IOException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (true) {
            try {
                return bound(port);
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static ServerSocket bound(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Stops listening and cuts every forwarded connection. */
    public synchronized void stop() throws IOException {
        ServerSocket socket = listener;
        listener = null;
        if (socket != null) {
            socket.close();
        }
        for (Socket connection : open) {
            closeQuietly(connection);
        }
        open.clear();
    }

    /** From now on nothing answers: new connections are accepted and ignored, open ones stop forwarding. */
    public void blackHole() {
        blackHole = true;
    }

    /** Forwards again; the connections that fell into the black hole are cut (their bytes are lost). */
    public synchronized void restore() {
        blackHole = false;
        for (Socket connection : open) {
            closeQuietly(connection);
        }
        open.clear();
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                if (blackHole) {
                    open.add(client);
                    Thread.ofVirtual().start(() -> swallow(client));
                    continue;
                }
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                open.add(client);
                open.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("Proxy failed to accept or connect upstream", e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (blackHole) {
                    continue;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // One side went away (or stop() cut it): close both, as a dropped link would.
            log.debug("Proxy connection ended: {}", e.toString());
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    /** Reads and drops whatever a connection accepted into the black hole sends, until it is closed. */
    private void swallow(Socket client) {
        byte[] buffer = new byte[4 * 1024];
        try (InputStream in = client.getInputStream()) {
            while (in.read(buffer) >= 0) {
                // nothing answers
            }
        } catch (IOException e) {
            log.debug("Black-holed connection ended: {}", e.toString());
        } finally {
            closeQuietly(client);
            open.remove(client);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("Closing a proxied socket failed: {}", e.toString());
        }
    }
}
