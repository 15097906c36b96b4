package io.syncbridge.application;

import io.syncbridge.domain.device.Admission;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.handoff.HandoffId;
import io.syncbridge.domain.handoff.HandoffToken;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.HandoffUseCase;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** Application service: handing a session over to another device, directly or with a single-use token. */
final class HandoffService implements HandoffUseCase {

    private final DrivenPorts ports;
    private final SessionPolicy policy;
    private final SessionAccess access;
    private final Announcer announcer;
    private final SecondaryWrites secondary;
    private final Admissions admissions;
    private final SecureRandom random = new SecureRandom();

    HandoffService(DrivenPorts ports, SessionPolicy policy, SessionAccess access, SecondaryWrites secondary,
                   Admissions admissions) {
        this.ports = ports;
        this.policy = policy;
        this.access = access;
        this.announcer = new Announcer(ports, access.heads());
        this.secondary = secondary;
        this.admissions = admissions;
    }

    @Override
    public Session.HandedOff handOff(Caller caller, SessionId id, DeviceId to) {
        Instant started = ports.clock().now();
        HandoffId handoffId = new HandoffId(ports.ids().newId());
        Session.HandedOff done = access.update(caller, id, session -> {
            Session.HandedOff h = session.handOff(handoffId, to, started, policy, ports.clock().now());
            return SessionAccess.Decision.write(h.session(), h);
        });
        return completed(done);
    }

    private Session.HandedOff completed(Session.HandedOff done) {
        Session session = done.session();
        secondary.submit("auditing handoff " + done.handoff().id(),
                () -> ports.handoffAudit().record(done.handoff()));
        ports.metrics().handoffCompleted(done.handoff().latency());
        // Both callers committed the handoff through SessionAccess.update: the head holds it.
        announcer.announceCommitted(new DomainEvent.HandoffCompleted(announcer.newEventId(), session.id(), session.owner(),
                done.handoff().completedAt(), done.handoff()));
        return done;
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
    public Session.HandedOff claim(String token, DeviceId claimant, DeviceDescription description) {
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
        admissions.admitted(grant.sessionId(), grant.owner(), claimed.admission());
        return completed(claimed.handedOff());
    }

    private String randomToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
