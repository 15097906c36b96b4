-- The durable tier of session state (SessionCheckpoints): the last checkpoint of each session's
-- head, written behind the hot store, and read back when the hot store lost the session.

CREATE TABLE session_checkpoints (
    session_id      text        PRIMARY KEY,
    owner_id        text        NOT NULL,
    version         bigint      NOT NULL,
    -- Checkpoints only move forward: an upsert with a revision not above this one changes nothing.
    revision        bigint      NOT NULL,
    -- The whole head as its stored JSON text (text, not jsonb: kept byte for byte, numbers and key order included).
    head            text        NOT NULL,
    expires_at      timestamptz NOT NULL,
    checkpointed_at timestamptz NOT NULL
);

-- Housekeeping of checkpoints of sessions that expired.
CREATE INDEX session_checkpoints_expires_idx ON session_checkpoints (expires_at);

-- Snapshots of session state (SnapshotStore), the durable copy beside the hot store's.
CREATE TABLE session_snapshots (
    session_id  text        NOT NULL,
    snapshot_id text        NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    body        text        NOT NULL,
    PRIMARY KEY (session_id, snapshot_id)
);

-- Listing a session's snapshots newest first.
CREATE INDEX session_snapshots_listing_idx ON session_snapshots (session_id, created_at DESC, snapshot_id DESC);
