package io.syncbridge.client;

import io.syncbridge.domain.change.ChangeOutcome;
import io.syncbridge.domain.error.PathConflict;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.state.JsonArray;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The live session's machinery: the connection's life (connect, authenticate, resume, back off,
 * heartbeats), the v2 messages in and out, and the rounds of pending changes sent to the server
 * (one Change or ChangeBatch in flight at a time, each based on a version the client has fully
 * seen). State lives in a {@link LocalView}; everything that touches it holds this object's lock.
 * Listeners and futures are called on one events thread, in order, never under the lock.
 */
final class SyncEngine {

    private static final System.Logger LOG = System.getLogger(SyncEngine.class.getName());
    static final int MAX_BATCH = 1_000;
    private static final int MAX_BATCH_CHARS = 400_000;
    private static final long TICK_MILLIS = 200;
    private static final long GAP_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ClientSettings settings;
    private final LocalView view;
    private final ScheduledExecutorService timer;
    private final ExecutorService events;
    final Presence presence;
    private final Map<String, CompletableFuture<ChangeAck>> changeFutures = new HashMap<>();
    private final CompletableFuture<LiveSession> connected = new CompletableFuture<>();
    final List<Consumer<RemoteChange>> remoteListeners = new CopyOnWriteArrayList<>();
    final List<Consumer<Status>> statusListeners = new CopyOnWriteArrayList<>();
    final List<Consumer<ConflictHandler.Conflict>> conflictListeners = new CopyOnWriteArrayList<>();

    private LiveSession session;
    private Status status = Status.CONNECTING;
    private Transport.Link link;
    private long generation;
    private int attempt;
    private String token;
    private Optional<String> handoffToken;
    private long lastReceived;
    private long lastHeartbeat;
    private String roundId;
    private long rateLimitedUntil;
    private long gapSeen;
    private long lastResume;
    private long correlation;
    private String lastProblem = "";

    SyncEngine(ClientSettings settings) {
        this.settings = settings;
        this.handoffToken = settings.handoffToken();
        LocalStore.Contents contents = settings.store().load();
        this.view = new LocalView(contents.state(), contents.version(), contents.pending(), settings.limits(),
                settings.deviceId());
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("syncbridge-client-link"));
        this.events = Executors.newSingleThreadExecutor(daemon("syncbridge-client-events"));
        this.presence = new Presence(settings.deviceId(), events);
        for (String id : view.pending().keySet()) {
            changeFutures.put(id, new CompletableFuture<>());
        }
    }

    void start(LiveSession owner) {
        this.session = owner;
        timer.execute(this::connect);
        timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    CompletableFuture<LiveSession> connected() {
        return connected;
    }

    // --- what the application reads and does ---

    synchronized JsonObject state() {
        return view.view();
    }

    synchronized JsonObject confirmedState() {
        return view.confirmedState();
    }

    synchronized long version() {
        return view.version();
    }

    synchronized Status status() {
        return status;
    }

    synchronized int pendingCount() {
        return view.pendingCount();
    }

    synchronized List<DeviceInfo> devices() {
        return presence.devices();
    }

    synchronized String activeDevice() {
        return presence.activeDevice();
    }

    synchronized String lastProblem() {
        return lastProblem;
    }

    /** The futures of changes restored from the store, by mutation id (completed like any other). */
    synchronized Map<String, CompletableFuture<ChangeAck>> restoredChanges() {
        return Map.copyOf(changeFutures);
    }

    synchronized CompletableFuture<ChangeAck> change(List<PatchOperation> operations) {
        if (status == Status.CLOSED) {
            throw new IllegalStateException("The live session is closed");
        }
        if (operations.isEmpty()) {
            throw new SyncError.ValidationFailed("a change needs at least one operation");
        }
        if (view.pendingCount() >= settings.maxPendingChanges()) {
            throw new QueueFullException(settings.maxPendingChanges());
        }
        String encoded = WireJson.write(Wire.ops(operations));
        if (encoded.length() > MAX_BATCH_CHARS) {
            throw new SyncError.StateTooLarge("A change may be at most " + MAX_BATCH_CHARS + " characters encoded");
        }
        PendingChange change = new PendingChange("m-" + UUID.randomUUID(), view.version(), operations);
        view.addPending(change);
        try {
            settings.store().append(change);
        } catch (RuntimeException storeFailed) {
            view.drop(change.mutationId());
            throw storeFailed;
        }
        CompletableFuture<ChangeAck> future = new CompletableFuture<>();
        changeFutures.put(change.mutationId(), future);
        pump();
        return future;
    }

    synchronized CompletableFuture<HandoffEvent.Completed> requestHandoff(String targetDeviceId) {
        CompletableFuture<HandoffEvent.Completed> future = new CompletableFuture<>();
        if (status != Status.ONLINE) {
            future.completeExceptionally(new IllegalStateException("A handoff needs the session online; it is "
                    + status.name().toLowerCase(Locale.ROOT)));
            return future;
        }
        return presence.requestHandoff(link, targetDeviceId);
    }

    synchronized CompletableFuture<HandoffGrant> requestHandoffToken(Duration ttl) {
        CompletableFuture<HandoffGrant> future = new CompletableFuture<>();
        if (status != Status.ONLINE) {
            future.completeExceptionally(new IllegalStateException("A handoff token needs the session online; it is "
                    + status.name().toLowerCase(Locale.ROOT)));
            return future;
        }
        return presence.requestHandoffToken(link, ttl);
    }

    void close() {
        Transport.Link closing;
        synchronized (this) {
            if (status == Status.CLOSED) {
                return;
            }
            closing = link;
            link = null;
            generation++;
            setStatus(Status.CLOSED);
            settings.store().checkpoint(view.confirmedState(), view.version());
        }
        if (closing != null) {
            closing.abort();
        }
        timer.shutdownNow();
        try {
            settings.store().close();
        } finally {
            events.shutdown();
        }
    }

    // --- the connection's life ---

    private void connect() {
        long gen;
        boolean claim;
        synchronized (this) {
            if (status == Status.CLOSED) {
                return;
            }
            gen = ++generation;
            claim = handoffToken.isPresent();
            setStatus(Status.CONNECTING);
        }
        String credential;
        try {
            credential = claim ? handoffToken.get() : token();
        } catch (Exception e) {
            linkClosed(gen, "no token: " + e);
            return;
        }
        settings.transport().open(settings.endpoint(), new Receiver(gen)).whenComplete((opened, failure) -> {
            if (failure != null) {
                linkClosed(gen, "cannot connect: " + failure);
            } else {
                opened(gen, opened, credential, claim);
            }
        });
    }

    private String token() throws Exception {
        synchronized (this) {
            if (token != null) {
                return token;
            }
        }
        TokenSource source = settings.tokens().orElseThrow(() ->
                new IllegalStateException("no token source, and the token from the handoff is no longer valid"));
        String fresh = source.token();
        synchronized (this) {
            token = fresh;
        }
        return fresh;
    }

    private synchronized void opened(long gen, Transport.Link opened, String credential, boolean claim) {
        if (gen != generation || status == Status.CLOSED) {
            opened.abort();
            return;
        }
        link = opened;
        lastReceived = System.nanoTime();
        lastHeartbeat = lastReceived;
        JsonObject device = Wire.obj("type", settings.deviceKind(), "name", settings.deviceName(),
                "user_agent", "syncbridge-client-java");
        JsonObject payload = claim
                ? Wire.obj("handoff_token", credential, "device_id", settings.deviceId(), "protocol", 2,
                "device", device, "last_version", view.version())
                : Wire.obj("token", credential, "session_id", settings.sessionId(), "device_id", settings.deviceId(),
                "protocol", 2, "device", device, "last_version", view.version());
        link.send(Wire.frame(7, "auth", payload));
    }

    private void linkClosed(long gen, String why) {
        synchronized (this) {
            if (gen != generation || status == Status.CLOSED) {
                return;
            }
            generation++;
            Transport.Link dead = link;
            link = null;
            if (dead != null) {
                dead.abort();
            }
            roundId = null;
            view.pending().values().forEach(p -> p.sent = false);
            lastProblem = why;
            setStatus(Status.OFFLINE);
            Duration delay = settings.backoff().delay(attempt++, settings.random());
            LOG.log(Level.DEBUG, "session {0}: link down ({1}); reconnecting in {2} ms", settings.sessionId(), why,
                    delay.toMillis());
            timer.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Every tick: heartbeats and their timeout, a gap that does not fill, a rate limit that ended. */
    private void tick() {
        long gen;
        boolean dead = false;
        synchronized (this) {
            if (link == null) {
                return;
            }
            gen = generation;
            long now = System.nanoTime();
            if (now - lastReceived > settings.heartbeatTimeout().toNanos()) {
                dead = true;
            } else {
                if (now - lastHeartbeat >= settings.heartbeatInterval().toNanos()) {
                    lastHeartbeat = now;
                    link.send(Wire.frame(1, null, Wire.obj("client_time", System.currentTimeMillis())));
                }
                if (status == Status.ONLINE && view.hasGap()) {
                    if (gapSeen == 0) {
                        gapSeen = now;
                    } else if (now - gapSeen > GAP_WAIT_NANOS && now - lastResume > 2 * GAP_WAIT_NANOS) {
                        lastResume = now;
                        link.send(Wire.frame(14, "resume", Wire.obj("last_version", view.version())));
                    }
                } else {
                    gapSeen = 0;
                }
                if (rateLimitedUntil != 0 && now >= rateLimitedUntil) {
                    rateLimitedUntil = 0;
                    pump();
                }
            }
        }
        if (dead) {
            linkClosed(gen, "no answer within " + settings.heartbeatTimeout().toMillis() + " ms");
        }
    }

    /** Frames of one connection; those of an older connection are ignored. */
    private final class Receiver implements Transport.Receiver {
        private final long gen;

        Receiver(long gen) {
            this.gen = gen;
        }

        @Override
        public void onText(String text) {
            try {
                receive(gen, text);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "session " + settings.sessionId() + ": a server message failed: " + text, e);
            }
        }

        @Override
        public void onClosed(String why) {
            linkClosed(gen, why);
        }
    }

    // --- messages from the server ---

    private synchronized void receive(long gen, String text) {
        if (gen != generation || status == Status.CLOSED) {
            return;
        }
        lastReceived = System.nanoTime();
        JsonObject frame = WireJson.parseObject(text);
        int type = (int) Wire.number(frame, "type", -1);
        JsonObject payload = Wire.object(frame, "payload");
        String correlationId = Wire.text(frame, "correlation_id");
        switch (type) {
            case 2 -> { } // HeartbeatAck: arrival is what counts
            case 8 -> authenticated(payload);
            case 9 -> authFailed(payload);
            case 6 -> error(correlationId, payload);
            case 15 -> {
                if (readable(payload, "changes")) {
                    catchup(payload);
                }
            }
            case 4 -> snapshot(payload);
            case 11 -> {
                if (readable(payload, null)) {
                    confirmed(List.of(entry(payload)));
                }
            }
            case 12 -> {
                acknowledged(payload);
                roundDone(Wire.text(payload, "mutation_id"));
            }
            case 13 -> {
                conflicted(payload);
                roundDone(Wire.text(payload, "mutation_id"));
            }
            case 17 -> batchResult(correlationId, payload);
            case 19 -> presence.granted(correlationId, payload);
            case 20 -> presence.handedToThisDevice(payload);
            case 21 -> presence.handoffCompleted(payload);
            case 22 -> presence.deviceJoined(Wire.object(payload, "device"));
            case 23 -> presence.deviceLeft(payload);
            case 25 -> sessionEnded(payload);
            default -> { } // SessionExpiring and anything newer: nothing to do
        }
    }

    private void authenticated(JsonObject payload) {
        Wire.optionalText(payload, "new_token").ifPresent(fresh -> token = fresh);
        if (handoffToken.isPresent()) {
            handoffToken = Optional.empty(); // single-use: later connections use the session token it brought
        }
        presence.authenticated(payload);
        setStatus(Status.RESYNCING);
    }

    private void authFailed(JsonObject payload) {
        String reason = Wire.text(payload, "reason");
        lastProblem = "authentication refused: " + reason + " " + Wire.text(payload, "message");
        if (reason.equals("HANDOFF_TOKEN_INVALID") && handoffToken.isPresent()) {
            handoffToken = Optional.empty();
            if (settings.tokens().isEmpty()) {
                connected.completeExceptionally(new IllegalStateException(lastProblem));
                failEverything(lastProblem);
                return;
            }
        }
        if (reason.equals("TOKEN_EXPIRED") || reason.equals("INVALID_TOKEN")) {
            token = null; // the source is asked again on the next attempt
        }
        LOG.log(Level.WARNING, "session {0}: {1}", settings.sessionId(), lastProblem);
        Transport.Link failed = link;
        long gen = generation;
        timer.execute(() -> linkClosed(gen, lastProblem));
        if (failed != null) {
            failed.abort();
        }
    }

    private void catchup(JsonObject payload) {
        List<LocalView.Entry> entries = new ArrayList<>();
        for (JsonObject change : Wire.objects(payload, "changes")) {
            entries.add(entry(change));
        }
        confirmed(entries);
        caughtUp();
    }

    private void snapshot(JsonObject payload) {
        long serverVersion = Wire.number(payload, "version", 0);
        JsonObject serverState = Wire.object(payload, "state_data");
        boolean serverBehind = "server_behind".equals(Wire.text(payload, "reason")) || serverVersion < view.version();
        JsonObject held = view.confirmedState();
        long heldVersion = view.version();
        view.reset(serverState, serverVersion).forEach(this::completeFromConfirmed);
        if (serverBehind && !held.equals(serverState)) {
            // The server lost changes it had acknowledged: give it back what this client holds.
            resubmit(held, heldVersion, serverVersion);
        }
        notifyRemote(new RemoteChange(serverVersion, "", "", List.of(), true, serverState));
        caughtUp();
    }

    private void resubmit(JsonObject held, long heldVersion, long serverVersion) {
        LOG.log(Level.WARNING, "session {0}: the server is at version {1}, behind this client''s {2}; re-submitting "
                + "the state this client holds", settings.sessionId(), serverVersion, heldVersion);
        PendingChange restore = new PendingChange("restore-" + UUID.randomUUID(), serverVersion,
                List.of(new PatchOperation.Replace(JsonPointer.ROOT, held)));
        List<LocalView.Pending> after = new ArrayList<>(view.pending().values());
        view.pending().clear();
        view.addPending(restore);
        for (LocalView.Pending p : after) {
            view.pending().put(p.change.mutationId(), p);
        }
        view.rebase(restore.mutationId(), null);
        settings.store().append(restore);
        changeFutures.put(restore.mutationId(), new CompletableFuture<>());
    }

    private void caughtUp() {
        if (status == Status.RESYNCING) {
            attempt = 0;
            lastProblem = "";
            setStatus(Status.ONLINE);
            LiveSession owner = session;
            events.execute(() -> connected.complete(owner));
        }
        pump();
    }

    /**
     * True when every change in the payload has operations this client can apply. Otherwise (an
     * operation newer than this client) it takes the server's whole state instead.
     */
    private boolean readable(JsonObject payload, String listField) {
        try {
            if (listField == null) {
                Wire.parseOps(payload, "ops");
            } else {
                Wire.objects(payload, listField).forEach(change -> Wire.parseOps(change, "ops"));
            }
            return true;
        } catch (IllegalArgumentException | SyncError unknown) {
            LOG.log(Level.WARNING, "session {0}: a change this client cannot apply ({1}); asking for the state",
                    settings.sessionId(), unknown.getMessage());
            if (link != null) {
                link.send(Wire.frame(3, "resync", JsonObject.EMPTY));
            }
            return false;
        }
    }

    private static LocalView.Entry entry(JsonObject change) {
        return new LocalView.Entry(Wire.number(change, "version", 0), Wire.text(change, "device_id"),
                Wire.text(change, "mutation_id"), Wire.parseOps(change, "ops"));
    }

    private void confirmed(List<LocalView.Entry> entries) {
        List<LocalView.Entry> applied = new ArrayList<>();
        Map<String, Long> confirmedPending = new LinkedHashMap<>();
        try {
            for (LocalView.Entry entry : entries) {
                LocalView.Advance advance = view.offer(entry);
                confirmedPending.putAll(advance.confirmedPending());
                for (LocalView.Entry done : advance.applied()) {
                    if (!advance.confirmedPending().containsKey(done.mutationId())) {
                        applied.add(done); // not made through this live session: a remote change
                    }
                }
            }
            if (entries.isEmpty()) {
                confirmedPending.putAll(view.offer(null).confirmedPending());
            }
        } catch (SyncError diverged) {
            // A confirmed change does not apply on the state this client holds: take the server's whole state.
            LOG.log(Level.WARNING, "session {0}: a confirmed change did not apply locally ({1}); asking for the state",
                    settings.sessionId(), diverged.getMessage());
            if (link != null) {
                link.send(Wire.frame(3, "resync", JsonObject.EMPTY));
            }
        }
        confirmedPending.forEach(this::completeFromConfirmed);
        for (LocalView.Entry entry : applied) {
            notifyRemote(new RemoteChange(entry.version(), entry.deviceId(), entry.mutationId(), entry.operations(),
                    false, null));
        }
        if (!applied.isEmpty() || !confirmedPending.isEmpty()) {
            settings.store().checkpoint(view.confirmedState(), view.version());
        }
        pump();
    }

    /** A pending change the confirmed state now holds (acknowledged, or seen in a catchup after its ack was lost). */
    private void completeFromConfirmed(String mutationId, long version) {
        settings.store().remove(mutationId);
        CompletableFuture<ChangeAck> future = changeFutures.remove(mutationId);
        if (future != null && !future.isDone()) {
            events.execute(() -> future.complete(new ChangeAck(mutationId, version, ChangeOutcome.APPLIED)));
        }
    }

    private void acknowledged(JsonObject result) {
        String mutationId = Wire.text(result, "mutation_id");
        long version = Wire.number(result, "version", 0);
        ChangeOutcome outcome = switch (Wire.text(result, "outcome")) {
            case "rebased" -> ChangeOutcome.REBASED;
            case "duplicate" -> ChangeOutcome.DUPLICATE;
            default -> ChangeOutcome.APPLIED;
        };
        if (!view.isPending(mutationId)) {
            return;
        }
        CompletableFuture<ChangeAck> future = changeFutures.get(mutationId);
        if (future != null) {
            ChangeAck ack = new ChangeAck(mutationId, version, outcome);
            events.execute(() -> future.complete(ack));
        }
        view.acknowledged(mutationId, version);
        confirmed(List.of());
    }

    private void conflicted(JsonObject result) {
        String mutationId = Wire.text(result, "mutation_id");
        List<PathConflict> conflicts = new ArrayList<>();
        for (JsonObject conflict : Wire.objects(result, "conflicts")) {
            conflicts.add(new PathConflict(JsonPointer.parse(Wire.text(conflict, "path")),
                    Wire.field(conflict, "current_value")));
        }
        LocalView.Pending p = view.pending().get(mutationId);
        if (p == null) {
            return;
        }
        p.sent = false;
        if (Wire.number(result, "current_version", 0) < Wire.number(result, "base_version", 0)) {
            return; // the server is behind this client (it lost changes): its reset follows, and the change is re-based
        }
        decide(p, conflicts);
    }

    private void refused(String mutationId, String reason, String message) {
        if (view.drop(mutationId)) {
            settings.store().remove(mutationId);
            CompletableFuture<ChangeAck> future = changeFutures.remove(mutationId);
            if (future != null) {
                ChangeRejectedException refusal = new ChangeRejectedException(mutationId, reason, message);
                events.execute(() -> future.completeExceptionally(refusal));
            }
        }
    }

    private void batchResult(String correlationId, JsonObject payload) {
        for (JsonObject result : Wire.objects(payload, "results")) {
            if (result.get("version").isPresent() && result.get("outcome").isPresent()) {
                acknowledged(result);
            } else if ("VERSION_CONFLICT".equals(Wire.text(result, "reason"))) {
                conflicted(result);
            } else {
                refused(Wire.text(result, "mutation_id"), Wire.text(result, "reason"), Wire.text(result, "message"));
            }
        }
        roundDone(correlationId);
    }

    private void error(String correlationId, JsonObject payload) {
        String reason = Wire.text(payload, "reason");
        String message = Wire.text(payload, "message");
        if (reason.equals("RATE_LIMITED")) {
            // Nothing of the message was applied: the round goes again once the window has passed.
            long seconds = Wire.number(Wire.object(payload, "details"), "retry_after_seconds", 1);
            rateLimitedUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(1, seconds));
            if (correlationId.equals(roundId)) {
                view.pending().values().forEach(p -> p.sent = false);
                roundId = null;
            }
            return;
        }
        String mutationId = Wire.optionalText(Wire.object(payload, "details"), "mutation_id").orElse(correlationId);
        if (view.isPending(mutationId) && mutationId.equals(roundId)) {
            refused(mutationId, reason, message);
            roundDone(correlationId);
            return;
        }
        if (correlationId.equals(roundId)) {
            // A batch refused whole (a malformed entry): nothing applied; its changes cannot be sent as they are.
            for (String id : List.copyOf(view.pending().keySet())) {
                if (view.pending().get(id).sent) {
                    refused(id, reason, message);
                }
            }
            roundDone(correlationId);
            return;
        }
        if (!presence.failed(correlationId, reason, message)) {
            LOG.log(Level.WARNING, "session {0}: server error {1}: {2}", settings.sessionId(), reason, message);
        }
    }

    private void roundDone(String correlationId) {
        if (correlationId.equals(roundId)) {
            roundId = null;
        }
        pump();
    }

    private void sessionEnded(JsonObject payload) {
        String reason = Wire.text(payload, "reason");
        lastProblem = "the session ended: " + reason;
        if (reason.equals("lost")) {
            // The server's store lost the session: reconnecting re-opens it, and the reset that follows
            // (server_behind) makes this client submit what it holds again.
            long gen = generation;
            timer.execute(() -> linkClosed(gen, lastProblem));
            return;
        }
        failEverything(lastProblem);
    }

    private void failEverything(String why) {
        generation++;
        Transport.Link ending = link;
        link = null;
        setStatus(Status.CLOSED);
        if (ending != null) {
            ending.abort();
        }
        IllegalStateException failure = new IllegalStateException(why);
        List<CompletableFuture<?>> open = new ArrayList<>(changeFutures.values());
        open.addAll(presence.open());
        events.execute(() -> open.forEach(f -> f.completeExceptionally(failure)));
        events.execute(() -> connected.completeExceptionally(failure));
    }

    // --- sending pending changes ---

    /** Sends the next round when online, nothing is in flight, and every acknowledged change is confirmed. */
    private void pump() {
        if (status != Status.ONLINE || link == null || roundId != null || rateLimitedUntil != 0 || !view.settled()) {
            return;
        }
        List<LocalView.Pending> round = new ArrayList<>();
        int chars = 0;
        for (LocalView.Pending p : List.copyOf(view.pending().values())) {
            if (round.size() >= MAX_BATCH || chars > MAX_BATCH_CHARS) {
                break;
            }
            Optional<List<PathConflict>> conflicts = view.check(p, settings.resolver());
            if (conflicts.isPresent() && !decide(p, conflicts.get())) {
                continue;
            }
            round.add(p);
            chars += WireJson.write(Wire.ops(p.change.operations())).length() + 100;
        }
        if (round.isEmpty()) {
            return;
        }
        long base = view.version();
        List<JsonValue> changes = new ArrayList<>(round.size());
        for (int i = 0; i < round.size(); i++) {
            LocalView.Pending p = round.get(i);
            p.sent = true;
            // Each entry is based on the one before it: the server resolves a batch in order.
            changes.add(Wire.obj("mutation_id", p.change.mutationId(), "base_version", base + i,
                    "ops", (JsonValue) Wire.ops(p.change.operations())));
        }
        if (round.size() == 1) {
            roundId = round.get(0).change.mutationId();
            link.send(Wire.frame(10, roundId, (JsonObject) changes.get(0)));
        } else {
            roundId = "b-" + (++correlation);
            link.send(Wire.frame(16, roundId, Wire.obj("changes", (JsonValue) new JsonArray(changes))));
        }
    }

    /** Asks the conflict handler; true when the change stays (re-applied or replaced), false when dropped. */
    private boolean decide(LocalView.Pending p, List<PathConflict> conflicts) {
        ConflictHandler.Conflict conflict = new ConflictHandler.Conflict(p.change.mutationId(),
                p.change.operations(), conflicts, view.confirmedState(), view.version());
        ConflictHandler.Decision decision;
        try {
            decision = settings.conflictHandler().onConflict(conflict);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the conflict handler failed; dropping " + p.change.mutationId(), e);
            decision = ConflictHandler.Decision.drop();
        }
        for (Consumer<ConflictHandler.Conflict> listener : conflictListeners) {
            events.execute(() -> listener.accept(conflict));
        }
        return switch (decision) {
            case ConflictHandler.Decision.Drop ignored -> {
                refused(p.change.mutationId(), "DROPPED", "Dropped by the conflict handler after a conflict on "
                        + conflicts.stream().map(c -> c.path().toString()).toList());
                yield false;
            }
            case ConflictHandler.Decision.Reapply ignored -> {
                view.rebase(p.change.mutationId(), null);
                yield true;
            }
            case ConflictHandler.Decision.Replace replace -> {
                view.rebase(p.change.mutationId(), replace.operations());
                settings.store().replace(view.pending().get(p.change.mutationId()).change);
                yield true;
            }
        };
    }

    // --- telling the application ---

    private void setStatus(Status next) {
        if (status != next) {
            status = next;
            for (Consumer<Status> listener : statusListeners) {
                events.execute(() -> listener.accept(next));
            }
        }
    }

    private void notifyRemote(RemoteChange change) {
        for (Consumer<RemoteChange> listener : remoteListeners) {
            events.execute(() -> listener.accept(change));
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
