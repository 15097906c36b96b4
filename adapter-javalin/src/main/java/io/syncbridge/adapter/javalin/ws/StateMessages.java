package io.syncbridge.adapter.javalin.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncbridge.adapter.javalin.ErrorStatus;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.state.JsonNull;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.port.in.CatchUp;
import io.syncbridge.port.in.ChangeResult;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The state messages of an authenticated connection: SnapshotRequest (3), v1 StateUpdate (5),
 * Change (10), Resume (14) and ChangeBatch (16). Every answer goes out only after the core
 * returned, so an acknowledged change is already durable.
 */
final class StateMessages {

    private final GatewayCore core;
    private final ServerTime time;

    StateMessages(GatewayCore core, ServerTime time) {
        this.core = Objects.requireNonNull(core, "core");
        this.time = Objects.requireNonNull(time, "time");
    }

    void snapshot(Connection connection, Envelope message, Binding binding) {
        Session session = core.sessions().get(binding.caller(), binding.session());
        connection.saw(session.version());
        connection.send(MessageType.SNAPSHOT_RESPONSE, message.correlationId(), snapshotPayload(session));
    }

    /** A v1 StateUpdate: SET (or no operation) sets a top-level key, a missing value sets null; DELETE removes it. */
    void v1Update(Connection connection, Envelope message, Binding binding) throws InvalidMessage {
        JsonObject payload = message.payload();
        String key = Payloads.requiredText(payload, "key");
        String operation = Payloads.text(payload, "operation").orElse("SET").toUpperCase(Locale.ROOT);
        PatchOperation op = switch (operation) {
            case "SET" -> new PatchOperation.SetKey(key, payload.get("value").orElse(JsonNull.INSTANCE));
            case "DELETE" -> new PatchOperation.DeleteKey(key);
            default -> throw new InvalidMessage("Field 'operation' must be SET or DELETE");
        };
        ChangeResult result = core.sync().applyUnversioned(binding.caller(), binding.session(),
                new MutationId(connection.nextV1MutationId()), List.of(op), binding.device());
        switch (result) {
            case ChangeResult.Accepted accepted -> connection.saw(accepted.version());
            case ChangeResult.Duplicate duplicate -> connection.saw(duplicate.version());
            case ChangeResult.Rejected rejected -> Replies.error(connection, message.correlationId(), rejected.error());
        }
    }

    void change(Connection connection, Envelope message, Binding binding) throws InvalidMessage {
        Change change = ChangeMessages.change(message.payload(), binding.device(), time.now());
        connection.rememberOwnMutation(change.mutationId().value());
        ChangeResult result = core.sync().apply(binding.caller(), binding.session(), change);
        answer(connection, message.correlationId(), result);
    }

    void batch(Connection connection, Envelope message, Binding binding) throws InvalidMessage {
        List<Change> changes = ChangeMessages.batch(message.payload(), binding.device(), time.now());
        changes.forEach(c -> connection.rememberOwnMutation(c.mutationId().value()));
        List<ChangeResult> results = changes.isEmpty() ? List.of()
                : core.sync().applyBatch(binding.caller(), binding.session(), changes);
        ArrayNode list = WireJson.array();
        for (ChangeResult result : results) {
            list.add(ChangeMessages.result(result));
            seen(connection, result);
        }
        ObjectNode payload = WireJson.object();
        payload.set("results", list);
        connection.send(MessageType.BATCH_RESULT, message.correlationId(), payload);
    }

    void resume(Connection connection, Envelope message, Binding binding) throws InvalidMessage {
        catchUp(connection, message.correlationId(), Payloads.requiredCount(message.payload(), "last_version"));
    }

    /** Catchup (15) with the changes after {@code lastVersion}, or a SnapshotResponse with reset when the log does not reach. */
    void catchUp(Connection connection, Optional<JsonNode> correlationId, long lastVersion) {
        Binding binding = connection.binding();
        CatchUp catchUp = core.sync().since(binding.caller(), binding.session(), lastVersion);
        switch (catchUp) {
            case CatchUp.Changes changes -> {
                ObjectNode payload = WireJson.object();
                payload.put("from_version", changes.fromVersion());
                payload.put("to_version", changes.toVersion());
                ArrayNode list = payload.putArray("changes");
                changes.changes().forEach(c -> list.add(WireJson.appliedChange(c)));
                connection.send(MessageType.CATCHUP, correlationId, payload);
                connection.deliveredUpTo(changes.toVersion());
            }
            case CatchUp.Reset reset -> {
                ObjectNode payload = snapshotPayload(reset.session());
                payload.put("reset", true);
                if (reset.serverBehind() && binding.v2()) {
                    // The device holds changes the server lost: say so, so it can submit them again.
                    payload.put("reason", "server_behind");
                    payload.put("server_version", reset.session().version());
                }
                connection.send(MessageType.SNAPSHOT_RESPONSE, correlationId, payload);
                connection.deliveredUpTo(reset.session().version());
            }
        }
    }

    private void answer(Connection connection, Optional<JsonNode> correlationId, ChangeResult result) {
        seen(connection, result);
        if (result instanceof ChangeResult.Rejected rejected && !ChangeMessages.isConflict(result)) {
            ObjectNode details = Replies.details(rejected.error());
            details.put("mutation_id", rejected.mutationId().value());
            Replies.error(connection, correlationId, ErrorStatus.httpStatus(rejected.error()),
                    ErrorStatus.code(rejected.error()), rejected.error().getMessage(),
                    details);
            return;
        }
        MessageType type = ChangeMessages.isConflict(result) ? MessageType.CONFLICT : MessageType.CHANGE_ACK;
        connection.send(type, correlationId, ChangeMessages.result(result));
        if (result instanceof ChangeResult.Rejected rejected
                && rejected.error() instanceof SyncError.VersionConflict conflict
                && conflict.baseVersion() > conflict.currentVersion()) {
            // Based on a version the server does not have: it lost acknowledged changes. Reset the device.
            catchUp(connection, Optional.empty(), conflict.baseVersion());
        }
    }

    /** An accepted change's broadcast is still to come (and is recognised then); other results have none. */
    private static void seen(Connection connection, ChangeResult result) {
        switch (result) {
            case ChangeResult.Accepted accepted -> connection.saw(accepted.version());
            case ChangeResult.Duplicate duplicate -> {
                connection.saw(duplicate.version());
                connection.forgetOwnMutation(duplicate.mutationId().value());
            }
            case ChangeResult.Rejected rejected -> connection.forgetOwnMutation(rejected.mutationId().value());
        }
    }

    /**
     * {session_id, state_data, created_at, version}: {@code created_at} is when this state was made,
     * in integer Unix seconds as v1 clients read it; a session with no state yet has {} and a null one.
     */
    static ObjectNode snapshotPayload(Session session) {
        ObjectNode payload = WireJson.object();
        payload.put("session_id", session.id().clientId());
        payload.set("state_data", WireJson.value(session.state().root()));
        if (session.version() == 0) {
            payload.putNull("created_at");
        } else {
            payload.put("created_at", session.updatedAt().getEpochSecond());
        }
        payload.put("version", session.version());
        return payload;
    }
}
