package io.syncbridge.inmemory;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.port.out.OperatorAudit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Operator audit adapter: the most recent {@link #DEFAULT_CAPACITY} operator actions in memory,
 * oldest dropped first (operators act rarely; a bound keeps a long-running process flat).
 */
public final class InMemoryOperatorAudit implements OperatorAudit {

    public static final int DEFAULT_CAPACITY = 10_000;

    private final ArrayDeque<OperatorAction> actions = new ArrayDeque<>();
    private final int capacity;

    public InMemoryOperatorAudit() {
        this(DEFAULT_CAPACITY);
    }

    public InMemoryOperatorAudit(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized void record(OperatorAction action) {
        actions.addLast(Objects.requireNonNull(action, "action"));
        if (actions.size() > capacity) {
            actions.removeFirst();
        }
    }

    @Override
    public List<OperatorAction> recent(int limit) {
        return newest(limit, action -> true);
    }

    @Override
    public List<OperatorAction> forSession(SessionId session, int limit) {
        Objects.requireNonNull(session, "session");
        return newest(limit, action -> action.session().equals(session));
    }

    private synchronized List<OperatorAction> newest(int limit, Predicate<OperatorAction> wanted) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        List<OperatorAction> found = new ArrayList<>();
        for (Iterator<OperatorAction> it = actions.descendingIterator(); it.hasNext() && found.size() < limit; ) {
            OperatorAction action = it.next();
            if (wanted.test(action)) {
                found.add(action);
            }
        }
        return found;
    }
}
