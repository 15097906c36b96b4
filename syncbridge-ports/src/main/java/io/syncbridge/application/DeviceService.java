package io.syncbridge.application;

import io.syncbridge.domain.device.Admission;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.event.DeviceLeaveReason;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.handoff.HandoffId;
import io.syncbridge.domain.handoff.HandoffToken;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.DevicesUseCase;
import io.syncbridge.port.in.HandoffUseCase;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Application service: devices joining, leaving and being removed, and handing a session over. */
final class DeviceService implements DevicesUseCase, HandoffUseCase {

    /** How long a connection counts as present without a heartbeat: twice the default ping interval plus slack. */
    static final Duration PRESENCE_TTL = Duration.ofSeconds(90);

    private final DrivenPorts ports;
    private final SessionPolicy policy;
    private final SessionAccess access;
    private final Announcer announcer;
    private final SecureRandom random = new SecureRandom();
    private final SecondaryWrites secondary;

    DeviceService(DrivenPorts ports, SessionPolicy policy, SessionAccess access, SecondaryWrites secondary) {
        this.ports = ports;
        this.policy = policy;
        this.access = access;
        this.announcer = new Announcer(ports);
        this.secondary = secondary;
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
        ports.presence().connected(id, device, connectionId, PRESENCE_TTL);
        if (joined.alreadyThere()) {
            secondary.submit("recording device " + device + " of " + id,
                    () -> ports.deviceRegistry().record(id, admitted.admission().device()));
        } else {
            announceAdmission(id, admitted.session().owner(), admitted.admission());
        }
        return new Connected(admitted.session(), admitted.admission());
    }

    private void announceAdmission(SessionId id, UserId owner, Admission admission) {
        secondary.submit("recording device " + admission.device().id() + " of " + id,
                () -> ports.deviceRegistry().record(id, admission.device()));
        admission.evicted().ifPresent(evicted -> {
            secondary.submit("removing evicted device " + evicted.id() + " of " + id,
                    () -> ports.deviceRegistry().remove(id, evicted.id()));
            announcer.announce(new DomainEvent.DeviceLeft(announcer.newEventId(), id, owner,
                    ports.clock().now(), evicted.id(), DeviceLeaveReason.EVICTED));
        });
        announcer.announce(new DomainEvent.DeviceJoined(announcer.newEventId(), id, owner,
                ports.clock().now(), admission.device()));
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
        for (int attempt = 0; attempt < 100; attempt++) {
            Optional<Session> current = ports.sessions().load(id);
            if (current.isEmpty() || !current.get().devices().contains(device)) {
                return;
            }
            Session session = current.get();
            if (ports.sessions().commit(session.revision(), session.disconnect(device, now), Optional.empty())) {
                announcer.announce(new DomainEvent.DeviceLeft(announcer.newEventId(), id, session.owner(), now,
                        device, DeviceLeaveReason.DISCONNECTED));
                return;
            }
        }
    }

    @Override
    public List<DeviceStatus> list(Caller caller, SessionId id) {
        Session session = access.require(caller, id);
        Set<DeviceId> online = ports.presence().online(id);
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

    @Override
    public HandedOff handOff(Caller caller, SessionId id, DeviceId to) {
        Instant started = ports.clock().now();
        HandoffId handoffId = new HandoffId(ports.ids().newId());
        Session.HandedOff done = access.update(caller, id, session -> {
            Session.HandedOff h = session.handOff(handoffId, to, started, policy, ports.clock().now());
            return SessionAccess.Decision.write(h.session(), h);
        });
        return completed(done);
    }

    private HandedOff completed(Session.HandedOff done) {
        Session session = done.session();
        secondary.submit("auditing handoff " + done.handoff().id(),
                () -> ports.handoffAudit().record(done.handoff()));
        ports.metrics().handoffCompleted(done.handoff().latency());
        announcer.announce(new DomainEvent.HandoffCompleted(announcer.newEventId(), session.id(), session.owner(),
                done.handoff().completedAt(), done.handoff()));
        return new HandedOff(done.handoff(), session);
    }

    @Override
    public HandoffToken issueToken(Caller caller, SessionId id, DeviceId issuer, Duration ttl) {
        SessionAccess.requireActingAs(caller, issuer);
        Session session = access.require(caller, id);
        if (!session.devices().contains(issuer)) {
            throw new SyncError.DeviceNotFound(issuer.value());
        }
        return saveToken(session, issuer, ttl);
    }

    @Override
    public HandoffToken issueOwnerToken(Caller caller, SessionId id, DeviceId author, Duration ttl) {
        return saveToken(access.require(caller, id), author, ttl);
    }

    private HandoffToken saveToken(Session session, DeviceId issuer, Duration ttl) {
        Instant now = ports.clock().now();
        HandoffToken token = new HandoffToken(randomToken(), session.id(), session.owner(), issuer, now,
                now.plus(HandoffToken.checkedTtl(ttl)));
        ports.handoffTokens().save(token);
        return token;
    }

    @Override
    public HandedOff claim(String token, DeviceId claimant, DeviceDescription description) {
        Instant started = ports.clock().now();
        HandoffToken grant = ports.handoffTokens().claim(token)
                .filter(t -> !t.isExpired(started))
                .orElseThrow(() -> new SyncError.HandoffTokenInvalid("Handoff token is unknown, used or expired"));
        Caller caller = Caller.granted(grant.owner(), grant.sessionId());
        HandoffId handoffId = new HandoffId(ports.ids().newId());
        record Claimed(Session.HandedOff handedOff, Admission admission) {
        }
        Claimed claimed;
        try {
            claimed = access.update(caller, grant.sessionId(), session -> {
                Instant now = ports.clock().now();
                Session.Admitted joined = session.admit(claimant, description, policy, now);
                Session.HandedOff h = joined.session().handOff(handoffId, claimant, started, policy, now);
                return SessionAccess.Decision.write(h.session(), new Claimed(h, joined.admission()));
            });
        } catch (SyncError refused) {
            // The claim changed nothing, so the token stays good for a device that can take it.
            ports.handoffTokens().save(grant);
            throw refused;
        }
        announceAdmission(grant.sessionId(), grant.owner(), claimed.admission());
        return completed(claimed.handedOff());
    }

    private String randomToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
