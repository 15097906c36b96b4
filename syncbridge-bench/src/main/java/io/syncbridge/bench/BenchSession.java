package io.syncbridge.bench;

import io.syncbridge.application.SyncBridge;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.port.in.Caller;
import io.syncbridge.port.in.ChangeResult;
import io.syncbridge.port.in.SessionsUseCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One session on an embedded core, set up outside the measurement: created, its devices connected,
 * its state loaded, and two live watchers that count deliveries (as two local connections would).
 */
final class BenchSession {

    /** The time put on changes: a client's stamp is informational, so a constant keeps clock reads out. */
    static final Instant CHANGE_TIME = Instant.parse("2030-01-01T00:00:00Z");

    final SyncBridge core;
    final Caller caller;
    final SessionId id;
    final List<DeviceId> devices;
    final LongAdder delivered = new LongAdder();

    private BenchSession(SyncBridge core, Caller caller, SessionId id, List<DeviceId> devices) {
        this.core = core;
        this.caller = caller;
        this.id = id;
        this.devices = devices;
    }

    /** Opens session {@code name} with {@code deviceCount} devices (dev-0 first, so active) and {@code state}. */
    static BenchSession open(SyncBridge core, String name, int deviceCount, JsonObject state) {
        Objects.requireNonNull(core, "core");
        Caller caller = Caller.user(new UserId("bench-user"));
        SessionId id = new SessionId(name);
        core.sessions().create(caller, new SessionsUseCase.CreateSession(Optional.of(id), name, "bench",
                SessionSettings.DEFAULT));
        List<DeviceId> devices = new ArrayList<>();
        for (int i = 0; i < deviceCount; i++) {
            DeviceId device = new DeviceId("dev-" + i);
            core.devices().connect(caller, id, device, DeviceDescription.UNKNOWN, name + "-conn-" + i);
            devices.add(device);
        }
        BenchSession session = new BenchSession(core, caller, id, List.copyOf(devices));
        for (int i = 0; i < 2; i++) {
            core.sync().watch(caller, id, event -> session.delivered.increment());
        }
        if (!state.members().isEmpty()) {
            require(core.sync().replace(caller, id, state, OptionalLong.empty(), new MutationId(name + "-init"),
                    devices.get(0)));
        }
        return session;
    }

    DeviceId device(int index) {
        return devices.get(index);
    }

    long version() {
        return core.sessions().get(caller, id).version();
    }

    /** Applies a v2 change as {@code device}, based on {@code baseVersion}. */
    ChangeResult apply(String mutationId, long baseVersion, List<PatchOperation> operations, DeviceId device) {
        return core.sync().apply(caller, id, new Change(new MutationId(mutationId), baseVersion, operations, device,
                CHANGE_TIME));
    }

    /**
     * The accepted change, or an exception: a benchmark that measured rejections instead of the
     * path it names would report a wrong number, so it stops instead.
     */
    static ChangeResult.Accepted require(ChangeResult result) {
        if (result instanceof ChangeResult.Accepted accepted) {
            return accepted;
        }
        String detail = result instanceof ChangeResult.Rejected rejected
                && rejected.error() instanceof SyncError.VersionConflict conflict
                ? " conflicting on " + conflict.conflicts() : "";
        throw new IllegalStateException("expected an accepted change, got " + result + detail);
    }
}
