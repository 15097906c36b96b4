package io.syncbridge.domain.conflict;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.state.StateDocument;
import java.util.List;
import java.util.Optional;

/** STRICT: a change must be based on the current version. */
public final class StrictResolver implements ConflictResolver {

    public static final StrictResolver INSTANCE = new StrictResolver();

    private StrictResolver() {
    }

    @Override
    public Resolution resolve(Change change, long currentVersion, Optional<List<AppliedChange>> since,
                              StateDocument current) {
        return new Resolution.Reject(List.of());
    }
}
