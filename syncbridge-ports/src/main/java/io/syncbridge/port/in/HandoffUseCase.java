package io.syncbridge.port.in;

import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.handoff.HandoffToken;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import java.time.Duration;

/** Driving port: moving a session from one device to another, directly or with a handoff token. */
public interface HandoffUseCase {

    /**
     * Makes {@code to} (a device of the session) the active device; every device is told. The
     * answer is the session after it (its state and version go to the target) with the handoff.
     */
    Session.HandedOff handOff(Caller caller, SessionId session, DeviceId to);

    /** Issues a single-use token that lets another device take the session over. */
    HandoffToken issueToken(Caller caller, SessionId session, DeviceId issuer, Duration ttl);

    /**
     * Issues a token with no device of the session behind it: the owner acting outside a live
     * connection (a web app's "continue on your phone"). {@code author} is recorded as its issuer;
     * whichever device claims the token takes the session over.
     */
    HandoffToken issueOwnerToken(Caller caller, SessionId session, DeviceId author, Duration ttl);

    /**
     * Claims a token: the claiming device joins the session and becomes active.
     * HandoffTokenInvalid for a token that is unknown, used or expired.
     */
    Session.HandedOff claim(String token, DeviceId claimant, DeviceDescription description);
}
