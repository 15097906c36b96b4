package io.syncbridge.domain.device;

import io.syncbridge.domain.error.SyncError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The devices attached to one session, in the order they joined, and the rule that a session
 * holds at most a fixed number of distinct devices.
 */
public record DeviceRoster(List<Device> devices) {

    public static final DeviceRoster EMPTY = new DeviceRoster(List.of());
    public static final int DEFAULT_MAX_DEVICES = 5;

    public DeviceRoster {
        devices = List.copyOf(Objects.requireNonNull(devices, "devices"));
    }

    public Optional<Device> find(DeviceId id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public boolean contains(DeviceId id) {
        return find(id).isPresent();
    }

    public int size() {
        return devices.size();
    }

    /**
     * Attaches a device (or re-attaches a known one, which never counts against the limit). A new
     * device beyond {@code maxDevices} is refused, unless the policy evicts the device that has been
     * offline longest.
     */
    public Admission admit(DeviceId id, DeviceDescription description, int maxDevices, EvictionPolicy policy, Instant now) {
        Optional<Device> known = find(id);
        if (known.isPresent()) {
            Device again = known.get().reconnected(description, now);
            return new Admission(replace(again), again, false, Optional.empty());
        }
        Device newcomer = Device.connecting(id, description, now);
        if (devices.size() < maxDevices) {
            return new Admission(append(devices, newcomer), newcomer, true, Optional.empty());
        }
        Optional<Device> evictable = policy == EvictionPolicy.EVICT_LONGEST_OFFLINE
                ? devices.stream().filter(d -> !d.online()).min(Comparator.comparing(Device::lastSeen))
                : Optional.empty();
        if (evictable.isEmpty()) {
            throw new SyncError.DeviceLimitReached(maxDevices, devices);
        }
        return new Admission(append(without(evictable.get().id()).devices, newcomer), newcomer, true, evictable);
    }

    /** Marks a device offline (its last connection closed); unknown devices leave the roster as it is. */
    public DeviceRoster disconnect(DeviceId id, Instant now) {
        return find(id).map(d -> replace(d.disconnected(now))).orElse(this);
    }

    public DeviceRoster touch(DeviceId id, Instant now) {
        return find(id).map(d -> replace(d.seen(now))).orElse(this);
    }

    public DeviceRoster without(DeviceId id) {
        return new DeviceRoster(devices.stream().filter(d -> !d.id().equals(id)).toList());
    }

    private DeviceRoster replace(Device device) {
        return new DeviceRoster(devices.stream().map(d -> d.id().equals(device.id()) ? device : d).toList());
    }

    private static DeviceRoster append(List<Device> base, Device device) {
        List<Device> next = new ArrayList<>(base);
        next.add(device);
        return new DeviceRoster(next);
    }
}
