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

    /** The log no longer reaches back: start again from the full state of {@code session}. */
    record Reset(Session session) implements CatchUp {
    }
}
