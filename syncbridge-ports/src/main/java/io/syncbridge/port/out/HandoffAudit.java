package io.syncbridge.port.out;

import io.syncbridge.domain.handoff.Handoff;
import io.syncbridge.domain.session.SessionId;
import java.util.List;

/** Driven port: the trail of completed handoffs. */
public interface HandoffAudit {

    void record(Handoff handoff);

    /** The session's handoffs, newest first. */
    List<Handoff> list(SessionId session, int limit);
}
