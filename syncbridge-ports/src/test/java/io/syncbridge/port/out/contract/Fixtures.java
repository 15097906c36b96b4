package io.syncbridge.port.out.contract;

import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.conflict.ConflictPolicy;
import io.syncbridge.domain.device.Device;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.device.DeviceKind;
import io.syncbridge.domain.device.DeviceRoster;
import io.syncbridge.domain.device.EvictionPolicy;
import io.syncbridge.domain.event.DeviceLeaveReason;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.handoff.Handoff;
import io.syncbridge.domain.handoff.HandoffId;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.session.SessionPolicy;
import io.syncbridge.domain.session.SessionSettings;
import io.syncbridge.domain.session.SessionStatus;
import io.syncbridge.domain.session.UserId;
import io.syncbridge.domain.snapshot.SnapshotId;
import io.syncbridge.domain.state.JsonArray;
import io.syncbridge.domain.state.JsonNumber;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.domain.state.StateDocument;
import io.syncbridge.domain.state.StateLimits;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Domain values for the contract suites: unique ids, state documents that exercise every corner of
 * the JSON model, sessions with every optional field present or absent, changes and events.
 * Built directly, without the domain's state operations, so that the suites test storage only.
 */
public final class Fixtures {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Fixtures() {
    }

    /** {@code prefix-} and ten random letters and digits of both cases: unique per run. */
    public static String unique(String prefix) {
        StringBuilder id = new StringBuilder(prefix).append('-');
        for (int i = 0; i < 10; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    public static SessionId sessionId() {
        return new SessionId(unique("session"));
    }

    public static UserId userId() {
        return new UserId(unique("user"));
    }

    public static DeviceId deviceId() {
        return new DeviceId(unique("device"));
    }

    public static MutationId mutationId() {
        return new MutationId(unique("mutation"));
    }

    /**
     * A document with nested objects and arrays, an empty key, keys that need JSON Pointer escapes,
     * escapes and characters outside the BMP in strings, integers beyond 64 bits, tiny and huge
     * decimals, booleans and nulls.
     */
    public static JsonObject richDocument() {
        Map<String, JsonValue> numbers = new LinkedHashMap<>();
        numbers.put("zero", JsonNumber.of(0));
        numbers.put("negative", JsonNumber.of(-1));
        numbers.put("maxLong", JsonNumber.of(Long.MAX_VALUE));
        numbers.put("beyondLong", new JsonNumber(new BigDecimal("123456789012345678901234567890")));
        numbers.put("decimal", new JsonNumber(new BigDecimal("0.1")));
        numbers.put("tiny", new JsonNumber(new BigDecimal("-2.5E-30")));
        numbers.put("huge", new JsonNumber(new BigDecimal("1E+300")));
        numbers.put("pi", new JsonNumber(new BigDecimal("3.14159265358979323846264338327950288")));

        JsonArray nestedList = array(JsonNumber.of(1),
                array(JsonNumber.of(2), array(JsonNumber.of(3), object("x", JsonValue.nullValue()))),
                JsonObject.EMPTY, JsonArray.EMPTY);

        Map<String, JsonValue> root = new LinkedHashMap<>();
        root.put("title", JsonValue.of("Frühstück 🧘‍♀️ 日本語 — \"quoted\" \\ back\nline\ttab \u0001 \u2028 end"));
        root.put("", JsonValue.of("the empty key"));
        root.put("a/b~c", JsonValue.of("a key that needs pointer escapes"));
        root.put("numbers", new JsonObject(numbers));
        root.put("nested", object("deep", object("deeper", object("list", nestedList))));
        root.put("flags", new JsonObject(orderedMap("on", JsonValue.of(true), "off", JsonValue.of(false),
                "nothing", JsonValue.nullValue())));
        root.put("emptyObject", JsonObject.EMPTY);
        root.put("emptyArray", JsonArray.EMPTY);
        root.put("emptyString", JsonValue.of(""));
        return new JsonObject(root);
    }

    public static StateDocument richState() {
        return StateDocument.of(richDocument());
    }

    /** A state holding one counter, {@code {"count": n}}. */
    public static StateDocument counterState(long count) {
        return StateDocument.of(object("count", JsonNumber.of(count)));
    }

    /** The counter of a {@link #counterState} (0 when there is none yet). */
    public static long counter(Session session) {
        return session.state().root().get("count")
                .map(v -> ((JsonNumber) v).value().longValueExact())
                .orElse(0L);
    }

    public static DeviceDescription description(DeviceKind kind, String name) {
        return new DeviceDescription(kind, name, "Mozilla/5.0 (Macintosh) SyncBridgeTest/1.0 «ünïcödé»",
                Set.of("handoff", "offline-queue", "delta"));
    }

    /** A connected device, seen at {@code at}. */
    public static Device device(DeviceId id, DeviceKind kind, Instant at) {
        return new Device(id, description(kind, "Ada’s " + kind.wireName() + " ✨"), at, at, true);
    }

    /** A device that connected at {@code connectedAt} and went offline at {@code lastSeen}. */
    public static Device offlineDevice(DeviceId id, Instant connectedAt, Instant lastSeen) {
        return new Device(id, new DeviceDescription(DeviceKind.OTHER, "", "", Set.of()), connectedAt, lastSeen, false);
    }

    /** A new session as the domain creates it: version 0, empty state, no devices, optionals absent. */
    public static Session newSession(SessionId id, UserId owner, Instant now) {
        return Session.create(id, owner, "Morning breathing", "breathing", SessionSettings.DEFAULT,
                SessionPolicy.DEFAULT, now);
    }

    /** A session with every field filled: rich state, two devices, completion time, custom settings. */
    public static Session richSession(SessionId id, UserId owner, Instant now) {
        DeviceId phone = new DeviceId(id.value() + "-Phone");
        DeviceId laptop = new DeviceId(id.value() + "-laptop");
        DeviceRoster roster = new DeviceRoster(List.of(
                device(phone, DeviceKind.IOS, now.minusSeconds(3_600)),
                offlineDevice(laptop, now.minusSeconds(7_200), now.minusSeconds(60))));
        SessionSettings settings = new SessionSettings(ConflictPolicy.STRICT, EvictionPolicy.EVICT_LONGEST_OFFLINE,
                object("theme", object("colours", array(JsonValue.of("teal"), JsonValue.of("ivory")))));
        return new Session(id, owner, "Séance du soir — 夜", "meditation", SessionStatus.COMPLETED, settings,
                richState(), 42, 57, roster, Optional.of(phone), Optional.of(laptop), now.minusSeconds(86_400),
                now.minusMillis(1_500), Optional.of(now.minusMillis(1_000)), now.plus(Duration.ofDays(7)));
    }

    /** An applied change of every operation kind (so that stores keep operations whole). */
    public static AppliedChange change(long version, MutationId mutationId, DeviceId by, Instant at) {
        return new AppliedChange(version, mutationId, by, List.of(
                new PatchOperation.SetKey("count", JsonNumber.of(version)),
                new PatchOperation.Add(new JsonPointer(List.of("items", "-")), object("v", JsonNumber.of(version))),
                new PatchOperation.Replace(new JsonPointer(List.of("a/b~c", "0")), JsonValue.of("ü 🎉")),
                new PatchOperation.Remove(new JsonPointer(List.of("nested", ""))),
                new PatchOperation.DeleteKey("gone")), at);
    }

    /** A state that every operation of {@link #change} applies to (once). */
    public static StateDocument changeableState() {
        return StateDocument.of(new JsonObject(orderedMap("items", JsonArray.EMPTY,
                "a/b~c", array(JsonValue.of("x")), "nested", object("", JsonValue.of(1)))));
    }

    /** The session after {@code change}, with its operations applied to the session's state. */
    public static Session applied(Session session, AppliedChange change) {
        return afterChange(session, change, session.state().apply(change.operations(), StateLimits.DEFAULT));
    }

    /** The session after {@code change}: its version, one more revision, the given state. */
    public static Session afterChange(Session session, AppliedChange change, StateDocument state) {
        return session.toBuilder().state(state).version(change.version()).revision(session.revision() + 1)
                .lastModifiedBy(Optional.of(change.deviceId())).updatedAt(change.appliedAt())
                .expiresAt(change.appliedAt().plus(SessionPolicy.DEFAULT.sessionTtl())).build();
    }

    /** The session rewritten without a state change (a rename): one more revision, same version. */
    public static Session renamed(Session session, String name, Instant now) {
        return session.toBuilder().name(name).revision(session.revision() + 1).updatedAt(now).build();
    }

    /** The session with another state (as a store holds it; not a change). */
    public static Session withState(Session session, StateDocument state) {
        return session.toBuilder().state(state).build();
    }

    /** The session with another expiry time, as a shorter session TTL would have given it. */
    public static Session expiringAt(Session session, Instant expiresAt) {
        return session.toBuilder().expiresAt(expiresAt).build();
    }

    /** The next commit of a counter session: the count and version one higher, by {@code device}. */
    public static Step increment(Session session, DeviceId device, MutationId mutationId, Instant now) {
        long next = counter(session) + 1;
        AppliedChange change = new AppliedChange(session.version() + 1, mutationId, device,
                List.of(new PatchOperation.SetKey("count", JsonNumber.of(next))), now);
        return new Step(afterChange(session, change, counterState(next)), change);
    }

    /** A commit to make: the next session and the change that produced it. */
    public record Step(Session next, AppliedChange change) {
    }

    /** One event of every kind, about one session, each with a unique id and optional parts filled. */
    public static List<DomainEvent> oneOfEachEvent(SessionId session, UserId owner, Instant at) {
        DeviceId phone = new DeviceId(session.value() + "-phone");
        DeviceId laptop = new DeviceId(session.value() + "-Laptop");
        return List.of(
                new DomainEvent.SessionCreated(unique("event"), session, owner, at, "Séance — 夜", "meditation"),
                new DomainEvent.SessionUpdated(unique("event"), session, owner, at.plusMillis(1), "paused"),
                new DomainEvent.StateChanged(unique("event"), session, owner, at.plusMillis(2),
                        change(7, mutationId(), phone, at.plusMillis(2))),
                new DomainEvent.DeviceJoined(unique("event"), session, owner, at.plusMillis(3),
                        device(laptop, DeviceKind.DESKTOP, at.plusMillis(3))),
                new DomainEvent.DeviceLeft(unique("event"), session, owner, at.plusMillis(4), laptop,
                        DeviceLeaveReason.EVICTED),
                new DomainEvent.HandoffCompleted(unique("event"), session, owner, at.plusMillis(5),
                        new Handoff(new HandoffId(unique("handoff")), session, null, phone, 7, at, at.plusMillis(5))),
                new DomainEvent.SnapshotCreated(unique("event"), session, owner, at.plusMillis(6),
                        new SnapshotId(unique("snapshot")), 7, "before the 🌧 part"),
                new DomainEvent.SnapshotRestored(unique("event"), session, owner, at.plusMillis(7),
                        new SnapshotId(unique("snapshot")), 7, 9),
                new DomainEvent.ConflictDetected(unique("event"), session, owner, at.plusMillis(8), mutationId(),
                        phone, 3, 9, List.of(new JsonPointer(List.of("a/b~c")), new JsonPointer(List.of("x", "0")))),
                new DomainEvent.SessionExpiring(unique("event"), session, owner, at.plusMillis(9),
                        at.plus(Duration.ofMinutes(5))),
                new DomainEvent.SessionExpired(unique("event"), session, owner, at.plusMillis(10), at),
                new DomainEvent.SessionDeleted(unique("event"), session, owner, at.plusMillis(11)));
    }

    /** A small event of the session, for tests that only need distinct events in an order. */
    public static DomainEvent event(SessionId session, UserId owner, Instant at, String status) {
        return new DomainEvent.SessionUpdated(unique("event"), session, owner, at, status);
    }

    public static JsonObject object(String name, JsonValue value) {
        return new JsonObject(Map.of(name, value));
    }

    public static JsonArray array(JsonValue... values) {
        return new JsonArray(List.of(values));
    }

    private static Map<String, JsonValue> orderedMap(String k1, JsonValue v1, String k2, JsonValue v2, String k3,
                                                     JsonValue v3) {
        Map<String, JsonValue> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        map.put(k3, v3);
        return map;
    }
}
