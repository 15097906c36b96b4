package io.syncbridge.client;

import io.syncbridge.domain.state.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A transport the test plays the server on: it reads what the client sent and answers frame by frame. */
final class ScriptedTransport implements Transport {

    private final BlockingQueue<JsonObject> sent = new LinkedBlockingQueue<>();
    private final List<Receiver> receivers = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<Link> open(URI uri, Receiver receiver) {
        receivers.add(receiver);
        return CompletableFuture.completedFuture(new Link() {
            @Override
            public void send(String text) {
                sent.add(WireJson.parseObject(text));
            }

            @Override
            public void abort() {
            }
        });
    }

    /** The next frame the client sent of {@code type}, skipping heartbeats and others. */
    JsonObject next(int type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonObject frame = sent.poll(100, TimeUnit.MILLISECONDS);
            if (frame != null && Wire.number(frame, "type", -1) == type) {
                return frame;
            }
        }
        throw new AssertionError("the client sent no message of type " + type);
    }

    /** Delivers a server frame on the latest connection. */
    void reply(int type, JsonObject payload) {
        receivers.get(receivers.size() - 1).onText(Wire.frame(type, null, payload));
    }

    int connections() {
        return receivers.size();
    }
}
