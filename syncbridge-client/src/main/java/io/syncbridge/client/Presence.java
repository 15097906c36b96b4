package io.syncbridge.client;

import io.syncbridge.domain.state.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Who is in the session and who holds it, and the handoffs and handoff tokens this device asked
 * for. Called under the engine's lock; listeners and futures run on the session's events thread.
 */
final class Presence {

    final List<Consumer<List<DeviceInfo>>> deviceListeners = new CopyOnWriteArrayList<>();
    final List<Consumer<HandoffEvent>> handoffListeners = new CopyOnWriteArrayList<>();

    private final String deviceId;
    private final Executor events;
    private final LinkedHashMap<String, DeviceInfo> devices = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<HandoffGrant>> grantFutures = new HashMap<>();
    private final Map<String, CompletableFuture<HandoffEvent.Completed>> handoffFutures = new HashMap<>();
    private final Map<String, String> handoffTargets = new HashMap<>();
    private String activeDevice = "";
    private long correlation;

    Presence(String deviceId, Executor events) {
        this.deviceId = deviceId;
        this.events = events;
    }

    List<DeviceInfo> devices() {
        return List.copyOf(devices.values());
    }

    String activeDevice() {
        return activeDevice;
    }

    /** AuthSuccess: the device list and the active device as the server has them now. */
    void authenticated(JsonObject payload) {
        activeDevice = Wire.text(payload, "active_device_id");
        devices.clear();
        for (JsonObject device : Wire.objects(payload, "devices")) {
            DeviceInfo info = deviceInfo(device);
            devices.put(info.id(), info);
        }
        notifyDevices();
    }

    CompletableFuture<HandoffEvent.Completed> requestHandoff(Transport.Link link, String targetDeviceId) {
        CompletableFuture<HandoffEvent.Completed> future = new CompletableFuture<>();
        String id = "h-" + (++correlation);
        handoffFutures.put(targetDeviceId, future);
        handoffTargets.put(id, targetDeviceId);
        link.send(Wire.frame(18, id, Wire.obj("target_device_id", targetDeviceId)));
        return future;
    }

    CompletableFuture<HandoffGrant> requestHandoffToken(Transport.Link link, Duration ttl) {
        CompletableFuture<HandoffGrant> future = new CompletableFuture<>();
        String id = "t-" + (++correlation);
        grantFutures.put(id, future);
        link.send(Wire.frame(19, id, Wire.obj("ttl_seconds", ttl.toSeconds())));
        return future;
    }

    /** An Error answering one of this device's handoff requests fails its future; false when it answered something else. */
    boolean failed(String correlationId, String reason, String message) {
        CompletableFuture<HandoffGrant> grant = grantFutures.remove(correlationId);
        String target = handoffTargets.remove(correlationId);
        CompletableFuture<HandoffEvent.Completed> handoff = target == null ? null : handoffFutures.remove(target);
        IllegalStateException failure = new IllegalStateException(reason + ": " + message);
        if (grant != null) {
            events.execute(() -> grant.completeExceptionally(failure));
            return true;
        }
        if (handoff != null) {
            events.execute(() -> handoff.completeExceptionally(failure));
            return true;
        }
        return false;
    }

    /** The futures still waiting (failed when the session ends). */
    List<CompletableFuture<?>> open() {
        List<CompletableFuture<?>> open = new ArrayList<>(grantFutures.values());
        open.addAll(handoffFutures.values());
        return open;
    }

    void granted(String correlationId, JsonObject payload) {
        CompletableFuture<HandoffGrant> future = grantFutures.remove(correlationId);
        if (future != null) {
            HandoffGrant grant = new HandoffGrant(Wire.text(payload, "handoff_token"), Wire.text(payload, "expires_at"));
            events.execute(() -> future.complete(grant));
        }
    }

    void handedToThisDevice(JsonObject payload) {
        activeDevice = deviceId;
        notifyHandoff(new HandoffEvent.HandedToThisDevice(Wire.text(payload, "handoff_id"),
                Wire.text(payload, "from_device_id"), Wire.number(payload, "version", 0),
                Wire.object(payload, "state_data")));
    }

    void handoffCompleted(JsonObject payload) {
        HandoffEvent.Completed event = new HandoffEvent.Completed(Wire.text(payload, "handoff_id"),
                Wire.text(payload, "from_device_id"), Wire.text(payload, "to_device_id"),
                Wire.number(payload, "latency_ms", 0));
        activeDevice = event.toDeviceId();
        devices.replaceAll((id, d) -> new DeviceInfo(d.id(), d.kind(), d.name(), d.online(), id.equals(activeDevice)));
        CompletableFuture<HandoffEvent.Completed> future = handoffFutures.remove(event.toDeviceId());
        handoffTargets.values().remove(event.toDeviceId());
        if (future != null) {
            events.execute(() -> future.complete(event));
        }
        notifyHandoff(event);
        notifyDevices();
    }

    void deviceJoined(JsonObject device) {
        DeviceInfo info = deviceInfo(device);
        devices.put(info.id(), info);
        notifyDevices();
    }

    void deviceLeft(JsonObject payload) {
        String id = Wire.text(payload, "device_id");
        DeviceInfo known = devices.get(id);
        if ("disconnected".equals(Wire.text(payload, "reason")) && known != null) {
            devices.put(id, new DeviceInfo(id, known.kind(), known.name(), false, known.active()));
        } else {
            devices.remove(id);
        }
        notifyDevices();
    }

    private static DeviceInfo deviceInfo(JsonObject device) {
        return new DeviceInfo(Wire.text(device, "id"), Wire.text(device, "type"), Wire.text(device, "name"),
                device.get("online").isEmpty() || Wire.flag(device, "online"), Wire.flag(device, "active"));
    }

    private void notifyDevices() {
        List<DeviceInfo> now = List.copyOf(devices.values());
        for (Consumer<List<DeviceInfo>> listener : deviceListeners) {
            events.execute(() -> listener.accept(now));
        }
    }

    private void notifyHandoff(HandoffEvent event) {
        for (Consumer<HandoffEvent> listener : handoffListeners) {
            events.execute(() -> listener.accept(event));
        }
    }
}
