package io.syncbridge.application;

import io.syncbridge.domain.event.DomainEvent;
import java.lang.System.Logger.Level;

/**
 * Tells the world about a domain event: the live fan-out to devices, and the event publisher
 * (the outbox). Publishing is never allowed to fail a use case that has already been committed.
 */
final class Announcer {

    private static final System.Logger LOG = System.getLogger(Announcer.class.getName());

    private final DrivenPorts ports;

    Announcer(DrivenPorts ports) {
        this.ports = ports;
    }

    String newEventId() {
        return ports.ids().newId();
    }

    /** Fans out to the session's devices and records for publication. */
    void announce(DomainEvent event) {
        try {
            ports.feed().publish(event);
        } catch (RuntimeException e) {
            // The change is committed; devices that miss the fan-out catch up from the change log.
            LOG.log(Level.WARNING, "fan-out of " + event.name() + " for session " + event.sessionId() + " failed", e);
        }
        publishOnly(event);
    }

    /** Records for publication only (the fan-out already happened, e.g. in the store's commit). */
    void publishOnly(DomainEvent event) {
        try {
            ports.events().publish(event);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "event " + event.name() + " " + event.eventId() + " for session "
                    + event.sessionId() + " could not be recorded for publication", e);
        }
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
