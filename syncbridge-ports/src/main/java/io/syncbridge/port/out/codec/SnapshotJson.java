package io.syncbridge.port.out.codec;

import io.syncbridge.domain.session.SessionId;
import io.syncbridge.domain.snapshot.Snapshot;
import io.syncbridge.domain.snapshot.SnapshotId;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.StateDocument;

/** Stored JSON form of snapshots. */
public final class SnapshotJson {

    private SnapshotJson() {
    }

    private static void snapshot(Snapshot snapshot, JsonObjectWriter out) {
        out.put("id", snapshot.id().value())
                .put("session_id", snapshot.sessionId().value())
                .put("version", snapshot.version())
                .put("state", snapshot.state().root())
                .put("label", snapshot.label())
                .put("author", snapshot.author())
                .put("created_at", snapshot.createdAt())
                .put("expires_at", snapshot.expiresAt());
    }

    public static Snapshot snapshot(JsonValue json) {
        JsonReader in = new JsonReader(json);
        return new Snapshot(new SnapshotId(in.string("id")), new SessionId(in.string("session_id")),
                in.number("version"), StateDocument.of(in.object("state")), in.string("label"), in.string("author"),
                in.instant("created_at"), in.instant("expires_at"));
    }

    public static String snapshotText(Snapshot snapshot) {
        return JsonObjectWriter.text(out -> snapshot(snapshot, out));
    }

    public static Snapshot snapshotFromText(String text) {
        return snapshot(JsonText.parse(text));
    }
}
