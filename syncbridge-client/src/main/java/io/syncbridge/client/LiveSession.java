package io.syncbridge.client;

import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.PatchOperation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One device's live view of one session: the local state (the server's state with this device's
 * pending changes on top), optimistic changes, remote changes as they arrive, the link's status,
 * the session's devices and handoffs. Thread-safe. Listeners run on the session's events thread,
 * in order; they must not block. Close it to stop reconnecting and to close its local store.
 */
public final class LiveSession implements AutoCloseable {

    private final SyncEngine engine;

    LiveSession(SyncEngine engine) {
        this.engine = engine;
    }

    /** The local view: the last confirmed server state with the pending changes applied on top. */
    public JsonObject state() {
        return engine.state();
    }

    /** The server state as last confirmed, without the pending changes. */
    public JsonObject confirmedState() {
        return engine.confirmedState();
    }

    /** The server version the confirmed state is at. */
    public long version() {
        return engine.version();
    }

    public Status status() {
        return engine.status();
    }

    /** Changes made here and not acknowledged yet (queued while offline, or in flight). */
    public int pendingChanges() {
        return engine.pendingCount();
    }

    /** The session's devices as last reported by the server. */
    public List<DeviceInfo> devices() {
        return engine.devices();
    }

    /** The device that holds the session now ("" when none). */
    public String activeDevice() {
        return engine.activeDevice();
    }

    /** Why the link went down or authentication was refused the last time ("" when online). */
    public String lastProblem() {
        return engine.lastProblem();
    }

    /** Completes when the session first goes online (authenticated and caught up). */
    public CompletableFuture<LiveSession> connected() {
        return engine.connected();
    }

    /**
     * Applies the operations to the local view at once and queues them for the server. The future
     * completes with the server's acknowledgement, or fails with a {@link ChangeRejectedException}
     * (the server refused it, or the conflict handler dropped it). Throws, and changes nothing,
     * when the operations cannot apply to the local view (the domain's error) or the queue is full
     * ({@link QueueFullException}).
     */
    public CompletableFuture<ChangeAck> change(List<PatchOperation> operations) {
        return engine.change(List.copyOf(Objects.requireNonNull(operations, "operations")));
    }

    public CompletableFuture<ChangeAck> change(PatchOperation... operations) {
        return change(List.of(operations));
    }

    /** The futures of the changes found pending in the local store when this session started, by mutation id. */
    public Map<String, CompletableFuture<ChangeAck>> restoredChanges() {
        return engine.restoredChanges();
    }

    /** Hands the session to another device of it; completes when the server reports the handoff complete. */
    public CompletableFuture<HandoffEvent.Completed> requestHandoff(String targetDeviceId) {
        return engine.requestHandoff(Objects.requireNonNull(targetDeviceId, "targetDeviceId"));
    }

    /** A single-use handoff token for another device to claim (see {@code SyncClient.Builder#claimHandoff}). */
    public CompletableFuture<HandoffGrant> requestHandoffToken(Duration ttl) {
        return engine.requestHandoffToken(Objects.requireNonNull(ttl, "ttl"));
    }

    /** Called once per change this session did not make, in version order (and on a reset). */
    public void onRemoteChange(Consumer<RemoteChange> listener) {
        engine.remoteListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void onStatus(Consumer<Status> listener) {
        engine.statusListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Called with the whole device list whenever a device joins, leaves, or the session is handed off. */
    public void onDevices(Consumer<List<DeviceInfo>> listener) {
        engine.presence.deviceListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void onHandoff(Consumer<HandoffEvent> listener) {
        engine.presence.handoffListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Told of every conflict after the handler decided on it. */
    public void onConflict(Consumer<ConflictHandler.Conflict> listener) {
        engine.conflictListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Stops the connection and reconnection, checkpoints and closes the local store. Pending changes stay in it. */
    @Override
    public void close() {
        engine.close();
    }
}
