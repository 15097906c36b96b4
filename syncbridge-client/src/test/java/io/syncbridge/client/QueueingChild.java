package io.syncbridge.client;

import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The client process the restart test kills: it opens a live session on a file store, makes
 * {@code count} changes, says so on stdout, and waits to be killed. Arguments: endpoint, store
 * directory, session, device, token, count.
 */
final class QueueingChild {

    private QueueingChild() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        Path store = Path.of(args[1]);
        String token = args[4];
        int count = Integer.parseInt(args[5]);
        LiveSession session = SyncClient.builder(endpoint, args[2], args[3])
                .tokens(() -> token)
                .storeIn(store)
                .backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)))
                .connect();
        for (int i = 0; i < count; i++) {
            session.change(new PatchOperation.Add(JsonPointer.parse("/item" + i), JsonValue.of(i)));
        }
        System.out.println("QUEUED " + count + " pending " + session.pendingChanges());
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(10));
    }
}
