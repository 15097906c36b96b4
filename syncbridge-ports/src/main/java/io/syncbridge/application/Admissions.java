package io.syncbridge.application;

import io.syncbridge.domain.device.Admission;
import io.syncbridge.domain.event.DeviceLeaveReason;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.UserId;

/** What follows a device's admission to a session, whoever admitted it (a connection or a handoff claim). */
final class Admissions {

    private final DrivenPorts ports;
    private final Announcer announcer;
    private final SecondaryWrites secondary;

    Admissions(DrivenPorts ports, Announcer announcer, SecondaryWrites secondary) {
        this.ports = ports;
        this.announcer = announcer;
        this.secondary = secondary;
    }

    /**
     * Records the device (and drops the one it evicted) in the registry, and announces who joined
     * and who left; the admission is one that {@link SessionAccess#update} committed.
     */
    void admitted(SessionId id, UserId owner, Admission admission) {
        secondary.submit("recording device " + admission.device().id() + " of " + id,
                () -> ports.deviceRegistry().record(id, admission.device()));
        admission.evicted().ifPresent(evicted -> {
            secondary.submit("removing evicted device " + evicted.id() + " of " + id,
                    () -> ports.deviceRegistry().remove(id, evicted.id()));
            announcer.announceCommitted(new DomainEvent.DeviceLeft(announcer.newEventId(), id, owner,
                    ports.clock().now(), evicted.id(), DeviceLeaveReason.EVICTED));
        });
        announcer.announceCommitted(new DomainEvent.DeviceJoined(announcer.newEventId(), id, owner,
                ports.clock().now(), admission.device()));
    }
}
