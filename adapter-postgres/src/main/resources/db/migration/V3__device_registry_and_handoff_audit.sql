-- The device registry (DeviceRegistry) and the handoff audit trail (HandoffAudit).

-- One row per device that joined a session. The device limit is the domain's rule (the live
-- roster admits or refuses a device); this table mirrors the roster, so it holds at most that many.
CREATE TABLE session_devices (
    session_id    text        NOT NULL,
    device_id     text        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('web', 'ios', 'android', 'desktop', 'other')),
    name          text        NOT NULL,
    user_agent    text        NOT NULL,
    capabilities  text[]      NOT NULL,
    first_seen_at timestamptz NOT NULL,
    connected_at  timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    online        boolean     NOT NULL,
    -- Join order: taken once, on the first insert, and kept by later updates.
    joined_seq    bigserial   NOT NULL,
    PRIMARY KEY (session_id, device_id)
);

CREATE INDEX session_devices_join_order_idx ON session_devices (session_id, joined_seq);

-- One row per completed handoff; latency_micros is completed_at - started_at, kept for queries.
CREATE TABLE handoffs (
    id             text        PRIMARY KEY,
    session_id     text        NOT NULL,
    from_device    text,
    to_device      text        NOT NULL,
    version        bigint      NOT NULL,
    started_at     timestamptz NOT NULL,
    completed_at   timestamptz NOT NULL,
    latency_micros bigint      NOT NULL,
    recorded_seq   bigserial   NOT NULL
);

-- A session's trail, newest first.
CREATE INDEX handoffs_session_recent_idx ON handoffs (session_id, completed_at DESC, recorded_seq DESC);
