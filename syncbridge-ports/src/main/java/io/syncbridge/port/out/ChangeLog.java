package io.syncbridge.port.out;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.session.SessionId;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: the bounded history of accepted changes of a session, written by
 * {@link SessionStore#commit} and read to rebase stale changes and to catch up devices.
 */
public interface ChangeLog {

    /**
     * The changes with a version above {@code afterVersion}, oldest first, up to the current one;
     * an empty list when there are none; {@code Optional.empty()} when the log no longer reaches
     * back to {@code afterVersion + 1}, or when the session is missing or expired (the caller
     * must fall back to the full state).
     */
    Optional<List<AppliedChange>> since(SessionId id, long afterVersion);
}
