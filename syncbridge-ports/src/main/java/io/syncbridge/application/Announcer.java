package io.syncbridge.application;

import io.syncbridge.domain.event.DomainEvent;
import java.lang.System.Logger.Level;

/**
 * The one way a domain event leaves a use case, once the write it reports has committed: to the
 * session's devices on every node through the change feed, and to consumers outside through the
 * event publisher (the outbox). Two events skip the feed here: {@code StateChanged}, which the
 * session store's commit publishes itself (durable before any device hears of it, in the same
 * round trip), and {@code ConflictDetected}, which only the device that sent the change needs and
 * gets as its answer. Announcing never fails a use case that has committed.
 */
final class Announcer {

    private static final System.Logger LOG = System.getLogger(Announcer.class.getName());

    private final DrivenPorts ports;
    private final SessionHeads heads; // null: no heads to keep

    Announcer(DrivenPorts ports) {
        this(ports, null);
    }

    /** An announcer whose {@link #announceCommitted} keeps the node's warm head through the event's return. */
    Announcer(DrivenPorts ports, SessionHeads heads) {
        this.ports = ports;
        this.heads = heads;
    }

    String newEventId() {
        return ports.ids().newId();
    }

    /** Fans the event out to the session's devices (unless the store did) and records it for publication. */
    void announce(DomainEvent event) {
        if (fansOutHere(event)) {
            try {
                ports.feed().publish(event);
            } catch (RuntimeException e) {
                // The change is committed; devices that miss the fan-out catch up from the change log.
                LOG.log(Level.WARNING, "fan-out of " + event.name() + " for session " + event.sessionId() + " failed", e);
            }
        }
        try {
            ports.events().publish(event);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "event " + event.name() + " " + event.eventId() + " for session "
                    + event.sessionId() + " could not be recorded for publication", e);
        }
    }

    /**
     * Announces an event of a commit this node has just remembered as the session's head
     * ({@link SessionAccess#update} does): the event's return through the feed leaves that head
     * in place instead of forgetting it, which would cost the session's next use a read of the store.
     */
    void announceCommitted(DomainEvent event) {
        if (heads != null && fansOutHere(event)) {
            heads.expect(event.sessionId(), event.eventId());
        }
        announce(event);
    }

    private static boolean fansOutHere(DomainEvent event) {
        return switch (event) {
            case DomainEvent.StateChanged ignored -> false; // published by SessionStore.commit
            case DomainEvent.ConflictDetected ignored -> false; // the sender's answer says it
            default -> true;
        };
    }

    /** Runs a write to a secondary store (catalogue, registry, audit) that must not undo a committed change. */
    void bestEffort(String what, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, what + " failed; the live session is unaffected", e);
        }
    }
}
