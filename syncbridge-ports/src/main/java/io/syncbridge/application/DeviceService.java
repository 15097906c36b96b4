package io.syncbridge.application;

import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.event.DeviceLeaveReason;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.DevicesUseCase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Application service: devices joining, leaving and being removed. */
final class DeviceService implements DevicesUseCase {

    /** How long a connection counts as present without a heartbeat: twice the default ping interval plus slack. */
    static final Duration PRESENCE_TTL = Duration.ofSeconds(90);

    private final DrivenPorts ports;
    private final SessionPolicy policy;
    private final SessionAccess access;
    private final Announcer announcer;
    private final SecondaryWrites secondary;
    private final Admissions admissions;

    DeviceService(DrivenPorts ports, SessionPolicy policy, SessionAccess access, SecondaryWrites secondary,
                  Admissions admissions) {
        this.ports = ports;
        this.policy = policy;
        this.access = access;
        this.announcer = new Announcer(ports, access.heads());
        this.secondary = secondary;
        this.admissions = admissions;
    }

    @Override
    public Connected connect(Caller caller, SessionId id, DeviceId device, DeviceDescription description,
                             String connectionId) {
        SessionAccess.requireActingAs(caller, device);
        record Joined(Session.Admitted admitted, boolean alreadyThere) {
        }
        Joined joined = access.update(caller, id, session -> {
            // Another connection of a device that is online with the same details (a second tab, or the
            // connection that follows a claimed handoff) is no news: device.joined was announced already.
            boolean alreadyThere = session.devices().find(device)
                    .filter(d -> d.online() && d.description().equals(description)).isPresent();
            Session.Admitted a = session.admit(device, description, policy, ports.clock().now());
            return SessionAccess.Decision.write(a.session(), new Joined(a, alreadyThere));
        });
        Session.Admitted admitted = joined.admitted();
        Set<DeviceId> online = ports.presence().connectedAndOnline(id, device, connectionId, PRESENCE_TTL);
        if (joined.alreadyThere()) {
            secondary.submit("recording device " + device + " of " + id,
                    () -> ports.deviceRegistry().record(id, admitted.admission().device()));
        } else {
            admissions.admitted(id, admitted.session().owner(), admitted.admission());
        }
        // The session just written is the head: the list is made from it, not read back from the store.
        return new Connected(admitted.session(), admitted.admission(), statuses(admitted.session(), online));
    }

    @Override
    public void heartbeat(SessionId id, DeviceId device, String connectionId) {
        ports.presence().refresh(id, device, connectionId, PRESENCE_TTL);
    }

    @Override
    public void disconnect(SessionId id, DeviceId device, String connectionId) {
        if (!ports.presence().disconnected(id, device, connectionId)) {
            return;
        }
        Instant now = ports.clock().now();
        Optional<UserId> left = access.updateStored(id, session -> session.devices().contains(device)
                ? SessionAccess.Decision.write(session.disconnect(device, now), Optional.of(session.owner()))
                : SessionAccess.Decision.none(Optional.<UserId>empty())).flatMap(owner -> owner);
        left.ifPresent(owner -> announcer.announceCommitted(new DomainEvent.DeviceLeft(announcer.newEventId(), id,
                owner, now, device, DeviceLeaveReason.DISCONNECTED)));
    }

    @Override
    public List<DeviceStatus> list(Caller caller, SessionId id) {
        return statuses(access.require(caller, id));
    }

    private List<DeviceStatus> statuses(Session session) {
        return statuses(session, ports.presence().online(session.id()));
    }

    private static List<DeviceStatus> statuses(Session session, Set<DeviceId> online) {
        return session.devices().devices().stream()
                .map(d -> new DeviceStatus(d, online.contains(d.id()), session.activeDevice().map(d.id()::equals).orElse(false)))
                .toList();
    }

    @Override
    public void remove(Caller caller, SessionId id, DeviceId device) {
        SessionAccess.requireUserCredential(caller, "remove devices");
        Session session = access.update(caller, id, s -> {
            Session next = s.removeDevice(device, policy, ports.clock().now());
            return SessionAccess.Decision.write(next, next);
        });
        ports.grants().revokeDevice(id, device);
        secondary.submit("removing device " + device + " of " + id,
                () -> ports.deviceRegistry().remove(id, device));
        announcer.announce(new DomainEvent.DeviceLeft(announcer.newEventId(), id, session.owner(),
                ports.clock().now(), device, DeviceLeaveReason.REMOVED));
    }
}
