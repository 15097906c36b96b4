package io.syncbridge.domain.conflict;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.state.StateDocument;
import java.util.List;
import java.util.Optional;

/**
 * Decides what happens to a change based on an older version than the current one. A plain
 * strategy, so that an embedding application can supply its own.
 */
@FunctionalInterface
public interface ConflictResolver {

    /**
     * @param change         the incoming change, whose base version is below {@code currentVersion}
     * @param currentVersion the session's version now
     * @param since          the changes after the base version up to the current one, oldest first;
     *                       empty when the change log no longer reaches back that far
     * @param current        the current state
     */
    Resolution resolve(Change change, long currentVersion, Optional<List<AppliedChange>> since, StateDocument current);

    static ConflictResolver forPolicy(ConflictPolicy policy) {
        return switch (policy) {
            case STRICT -> StrictResolver.INSTANCE;
            case MERGE -> MergeResolver.INSTANCE;
            case LAST_WRITER_WINS -> LastWriterWinsResolver.INSTANCE;
        };
    }
}
