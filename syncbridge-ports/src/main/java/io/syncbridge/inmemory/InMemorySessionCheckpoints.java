package io.syncbridge.inmemory;

import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.out.SessionCheckpoints;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Persistence adapter: session checkpoints in a concurrent map (the embedded default and the test double). */
public final class InMemorySessionCheckpoints implements SessionCheckpoints {

    private final ConcurrentMap<SessionId, Session> checkpoints = new ConcurrentHashMap<>();

    @Override
    public void save(List<Session> heads) {
        Objects.requireNonNull(heads, "heads");
        heads.forEach(head -> Objects.requireNonNull(head, "head"));
        for (Session head : heads) {
            checkpoints.merge(head.id(), head, (kept, offered) -> offered.revision() > kept.revision() ? offered : kept);
        }
    }

    @Override
    public Optional<Session> latest(SessionId id) {
        return Optional.ofNullable(checkpoints.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public boolean delete(SessionId id) {
        return checkpoints.remove(Objects.requireNonNull(id, "id")) != null;
    }
}
