package io.syncbridge.port.in;

import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.port.out.ChangeFeed;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** Driving port: changing a session's state, catching up, and watching it live. */
public interface StateSyncUseCase {

    /**
     * Resolves and applies one change. Problems with the change come back as
     * {@link ChangeResult.Rejected}; problems with the session (not found, expired) are thrown.
     * An accepted change is durable and published before this returns.
     */
    ChangeResult apply(Caller caller, SessionId session, Change change);

    /**
     * A change with no base version (the v1 wire's SET / DELETE of a key): applied on whatever
     * version is current when it arrives, so concurrent writers of different keys all win.
     */
    ChangeResult applyUnversioned(Caller caller, SessionId session, MutationId mutationId,
                                  List<PatchOperation> operations, DeviceId by);

    /** An offline device's queue: each change resolved in order, answered one by one; idempotent. */
    List<ChangeResult> applyBatch(Caller caller, SessionId session, List<Change> changes);

    /** Replaces the whole state; with {@code expectedVersion}, only if it is still current. */
    ChangeResult replace(Caller caller, SessionId session, JsonObject state, OptionalLong expectedVersion,
                         MutationId mutationId, DeviceId by);

    /** The changes after {@code afterVersion}, or the full state when the log does not reach. */
    CatchUp since(Caller caller, SessionId session, long afterVersion);

    /**
     * Waits up to {@code timeout} for a change after {@code afterVersion} (the long poll); returns
     * what there is then, possibly no change.
     */
    CatchUp await(Caller caller, SessionId session, long afterVersion, Duration timeout) throws InterruptedException;

    /** Receives the session's events (from every node) until the subscription is closed. */
    ChangeFeed.Subscription watch(Caller caller, SessionId session, Consumer<DomainEvent> listener);
}
