package io.syncbridge.domain.conflict;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.ChangeOutcome;
import io.syncbridge.domain.state.StateDocument;
import java.util.List;
import java.util.Optional;

/** LAST_WRITER_WINS: every change applies, in arrival order. */
public final class LastWriterWinsResolver implements ConflictResolver {

    public static final LastWriterWinsResolver INSTANCE = new LastWriterWinsResolver();

    private LastWriterWinsResolver() {
    }

    @Override
    public Resolution resolve(Change change, long currentVersion, Optional<List<AppliedChange>> since,
                              StateDocument current) {
        return new Resolution.Apply(ChangeOutcome.REBASED);
    }
}
