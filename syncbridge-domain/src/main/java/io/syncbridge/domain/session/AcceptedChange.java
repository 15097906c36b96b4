package io.syncbridge.domain.session;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.ChangeOutcome;
import java.util.Objects;

/** A change the session accepted: the session after it, the log entry, and how it was taken. */
public record AcceptedChange(Session session, AppliedChange applied, ChangeOutcome outcome) {
    public AcceptedChange {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(applied, "applied");
        Objects.requireNonNull(outcome, "outcome");
    }
}
