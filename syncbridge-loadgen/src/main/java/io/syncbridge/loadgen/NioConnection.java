package io.syncbridge.loadgen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One socket of the {@link NioWebSocketClient}: the HTTP/1.1 upgrade, then frames. Reads run on
 * its selector thread only; sends from any thread write straight to the socket under the write
 * lock when nothing is queued, and otherwise queue for that thread to flush.
 */
final class NioConnection implements WebSocketClient.Connection, WebSocketFrames.Handler {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int RECEIVE_BUFFER = 16 * 1024;
    private static final int MAX_RESPONSE_HEAD = 16 * 1024;
    private static final int NO_STATUS = 1005;
    private static final int ABNORMAL = 1006;

    private record Write(ByteBuffer bytes, CompletableFuture<Void> done) {
    }

    private final SelectorLoop loop;
    private final URI uri;
    private final InetSocketAddress remote;
    private final InetSocketAddress source;
    private final WebSocketClient.Listener listener;
    private final String handshakeKey;
    private final CompletableFuture<WebSocketClient.Connection> opened = new CompletableFuture<>();
    private final WebSocketFrames.Reader reader = new WebSocketFrames.Reader();
    private final Object writeLock = new Object();
    private final ArrayDeque<Write> queued = new ArrayDeque<>(); // guarded by writeLock
    private ByteBuffer received = ByteBuffer.allocate(RECEIVE_BUFFER);
    private SocketChannel channel;
    private SelectionKey key; // set on the selector thread, read under writeLock
    private boolean connected; // guarded by writeLock
    private boolean upgraded; // selector thread only
    private volatile boolean outputClosed;
    private volatile boolean closed;

    /** A socket to {@code remote} (the resolved {@code uri}), bound first to {@code source} unless that is null. */
    NioConnection(SelectorLoop loop, URI uri, InetSocketAddress remote, InetSocketAddress source,
                  WebSocketClient.Listener listener) {
        this.loop = loop;
        this.uri = uri;
        this.remote = remote;
        this.source = source;
        this.listener = listener;
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        this.handshakeKey = Base64.getEncoder().encodeToString(nonce);
    }

    CompletableFuture<WebSocketClient.Connection> opened() {
        return opened;
    }

    /** On the selector thread: opens the channel and starts connecting. */
    void start() {
        if (closed) {
            return;
        }
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (source != null) {
                channel.bind(source);
            }
            boolean now = channel.connect(remote);
            key = channel.register(loop.selector(), now ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
            if (closed) {
                channel.close(); // aborted while the channel was being opened
                return;
            }
            if (now) {
                connected();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    /** On the selector thread: what the selector found ready. */
    void ready(SelectionKey ready) {
        try {
            if (!ready.isValid()) {
                return;
            }
            if (ready.isConnectable() && channel.finishConnect()) {
                synchronized (writeLock) {
                    ready.interestOps(SelectionKey.OP_READ);
                }
                connected();
            }
            if (ready.isValid() && ready.isWritable()) {
                flush();
            }
            if (ready.isValid() && ready.isReadable()) {
                read();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void connected() throws IOException {
        String target = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            target += "?" + uri.getRawQuery();
        }
        String request = "GET " + target + " HTTP/1.1\r\n"
                + "Host: " + uri.getRawAuthority() + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + handshakeKey + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        synchronized (writeLock) {
            connected = true;
            // The upgrade request goes ahead of anything sent before it.
            queued.addFirst(new Write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)),
                    new CompletableFuture<>()));
        }
        flush();
    }

    private void read() throws IOException {
        int n = channel.read(received);
        if (n < 0) {
            ended(ABNORMAL, "the server closed the connection", true);
            return;
        }
        received.flip();
        if (!upgraded && !upgrade()) {
            received.compact();
            if (!received.hasRemaining()) {
                throw new IOException("an upgrade response head over " + MAX_RESPONSE_HEAD + " bytes");
            }
            return;
        }
        int needed = reader.read(received, this);
        received.compact();
        if (needed > received.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocate(needed);
            received.flip();
            bigger.put(received);
            received = bigger;
        }
    }

    /** Reads the 101 response, if all of its head is in; false when more is to come. */
    private boolean upgrade() {
        byte[] array = received.array();
        int from = received.position();
        int end = received.limit();
        int headEnd = -1;
        for (int i = from; i + 3 < end; i++) {
            if (array[i] == '\r' && array[i + 1] == '\n' && array[i + 2] == '\r' && array[i + 3] == '\n') {
                headEnd = i;
                break;
            }
        }
        if (headEnd < 0) {
            return false;
        }
        String head = new String(array, from, headEnd - from, StandardCharsets.ISO_8859_1);
        received.position(headEnd + 4);
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        int code = status.length >= 2 && status[1].matches("\\d{3}") ? Integer.parseInt(status[1]) : -1;
        if (code != 101) {
            throw new WebSocketClient.HandshakeRefused(code, "upgrade answered " + lines[0]);
        }
        String accept = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT)
                    .equals("sec-websocket-accept")) {
                accept = lines[i].substring(colon + 1).trim();
            }
        }
        if (!expectedAccept().equals(accept)) {
            throw new IllegalStateException("the upgrade's Sec-WebSocket-Accept is " + accept + ", not "
                    + expectedAccept());
        }
        upgraded = true;
        listener.onOpen(this);
        opened.complete(this);
        return true;
    }

    /** What the server must answer to our key (RFC 6455 §4.2.2). */
    String expectedAccept() {
        return accept(handshakeKey);
    }

    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    @Override
    public void message(int opcode, byte[] data, int offset, int length) {
        if (opcode == WebSocketFrames.TEXT && !closed) {
            listener.onText(data, offset, length);
        }
    }

    @Override
    public void control(int opcode, byte[] data, int offset, int length) {
        switch (opcode) {
            case WebSocketFrames.PING -> {
                byte[] payload = new byte[length];
                System.arraycopy(data, offset, payload, 0, length);
                send(WebSocketFrames.clientFrame(WebSocketFrames.PONG, payload, ThreadLocalRandom.current().nextInt()));
            }
            case WebSocketFrames.CLOSE -> {
                int code = length >= 2 ? ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF) : NO_STATUS;
                String reason = length > 2 ? new String(data, offset + 2, length - 2, StandardCharsets.UTF_8) : "";
                if (!outputClosed) {
                    // Echo the close, as the protocol asks, before the socket goes.
                    sendClose(code == NO_STATUS ? 1000 : code, "");
                }
                ended(code, reason, false);
            }
            default -> {
                // A pong answers nothing we sent.
            }
        }
    }

    @Override
    public CompletableFuture<?> sendText(String text) {
        if (outputClosed) {
            return CompletableFuture.failedFuture(new IllegalStateException("output closed"));
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return send(WebSocketFrames.clientFrame(WebSocketFrames.TEXT, utf8, ThreadLocalRandom.current().nextInt()));
    }

    @Override
    public CompletableFuture<?> sendClose(int statusCode, String reason) {
        if (outputClosed) {
            return CompletableFuture.completedFuture(null);
        }
        outputClosed = true;
        byte[] payload = WebSocketFrames.closePayload(statusCode, reason.getBytes(StandardCharsets.UTF_8));
        return send(WebSocketFrames.clientFrame(WebSocketFrames.CLOSE, payload, ThreadLocalRandom.current().nextInt()));
    }

    @Override
    public boolean isOutputClosed() {
        return outputClosed || closed;
    }

    private CompletableFuture<Void> send(ByteBuffer frame) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean wake = false;
        synchronized (writeLock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("socket closed"));
            }
            if (connected && queued.isEmpty()) {
                try {
                    channel.write(frame);
                } catch (IOException e) {
                    done.completeExceptionally(e);
                    return done;
                }
                if (!frame.hasRemaining()) {
                    done.complete(null);
                    return done;
                }
            }
            queued.add(new Write(frame, done));
            if (connected) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                wake = true;
            }
        }
        if (wake) {
            loop.wakeup();
        }
        return done;
    }

    /** Writes what is queued, as far as the socket takes it; stops asking for writability once all is out. */
    private void flush() throws IOException {
        synchronized (writeLock) {
            for (Write write; (write = queued.peek()) != null; ) {
                channel.write(write.bytes());
                if (write.bytes().hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    return;
                }
                queued.poll();
                write.done().complete(null);
            }
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }
    }

    private void ended(int code, String reason, boolean abnormal) {
        if (closed) {
            return;
        }
        if (abnormal && !upgraded) {
            fail(new IOException(reason + " before the upgrade"));
            return;
        }
        try {
            flush();
        } catch (IOException e) {
            // The close echo is a courtesy; the socket goes either way.
        }
        abort();
        listener.onClose(code, reason);
    }

    private void fail(Throwable error) {
        if (closed) {
            return;
        }
        boolean wasOpen = upgraded;
        abort();
        opened.completeExceptionally(error);
        if (wasOpen) {
            listener.onError(error);
        }
    }

    @Override
    public void abort() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            outputClosed = true;
            for (Write write; (write = queued.poll()) != null; ) {
                write.done().completeExceptionally(new IllegalStateException("socket closed"));
            }
        }
        opened.completeExceptionally(new IllegalStateException("socket closed"));
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // Closing a socket we are done with: nothing left to do about it.
        }
    }
}
