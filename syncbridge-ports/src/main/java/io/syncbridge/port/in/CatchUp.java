package io.syncbridge.port.in;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.session.Session;
import java.util.List;

/** What a device that saw {@code afterVersion} needs: the changes since, or the whole state. */
public sealed interface CatchUp {

    /** The changes after {@code fromVersion} up to {@code toVersion} (none when already current). */
    record Changes(long fromVersion, long toVersion, List<AppliedChange> changes) implements CatchUp {
        public Changes {
            changes = List.copyOf(changes);
        }
    }

    /**
     * Start again from the full state of {@code session}: the log no longer reaches back, or
     * ({@code serverBehind}) the device saw a version the server does not have, because the server
     * lost changes it had acknowledged; such a device holds state the server lacks and may submit it again.
     */
    record Reset(Session session, boolean serverBehind) implements CatchUp {

        /** A reset because the log no longer reaches back. */
        public Reset(Session session) {
            this(session, false);
        }
    }
}
