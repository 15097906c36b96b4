package io.syncbridge.port.out;

import io.syncbridge.domain.session.SessionId;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Driven port: the trail of what operators did to sessions (a device removed, a session ended, a snapshot restored). */
public interface OperatorAudit {

    void record(OperatorAction action);

    /** The most recent actions on every session, newest first. */
    List<OperatorAction> recent(int limit);

    /** The session's actions, newest first. */
    List<OperatorAction> forSession(SessionId session, int limit);

    /** What an operator can do to a session. */
    enum ActionKind {
        REMOVE_DEVICE, END_SESSION, RESTORE_SNAPSHOT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One operator action: who, what, on which session, on what inside it ({@code subject}: the
     * device or snapshot id; empty for the session itself), when, and what came of it.
     */
    record OperatorAction(String operator, ActionKind kind, SessionId session, String subject, Instant at,
                          String outcome) {
        public OperatorAction {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(outcome, "outcome");
            if (operator.isBlank()) {
                throw new IllegalArgumentException("an operator action names its operator");
            }
        }
    }
}
