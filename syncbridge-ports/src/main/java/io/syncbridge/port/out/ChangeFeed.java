package io.syncbridge.port.out;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.SessionId;
import java.util.function.Consumer;

/**
 * Driven port: the cross-node fan-out of what happens to a session (accepted changes, devices
 * joining and leaving, handoffs, the end of a session) to every node that has devices of it.
 * Delivery is at most once and in publication order per session; a device that misses something
 * catches up from the change log.
 */
public interface ChangeFeed {

    /** Publishes an event to the subscribers of its session on every node. */
    void publish(DomainEvent event);

    /** Subscribes to one session's events until the returned subscription is closed. */
    Subscription subscribe(SessionId session, Consumer<DomainEvent> listener);

    /** An open subscription; closing it twice is harmless. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
