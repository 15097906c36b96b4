-- The session catalogue (SessionCatalogue): the listable record of every session.
-- The live state and version are in the session store (Redis or memory), not here.

CREATE TABLE sessions (
    -- "C" collation: ids order by code point, as everywhere else in SyncBridge, not by locale.
    id           text        COLLATE "C" PRIMARY KEY,
    owner_id     text        NOT NULL,
    name         text        NOT NULL,
    type         text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('active', 'paused', 'completed', 'archived')),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    completed_at timestamptz,
    expires_at   timestamptz NOT NULL
);

-- Listing an owner's sessions newest first with ties broken by id, descending (stable pages), with an
-- optional status or type filter: one index per filter shape, each in the listing order.
CREATE INDEX sessions_owner_listing_idx ON sessions (owner_id, created_at DESC, id DESC);
CREATE INDEX sessions_owner_status_listing_idx ON sessions (owner_id, status, created_at DESC, id DESC);
CREATE INDEX sessions_owner_type_listing_idx ON sessions (owner_id, type, created_at DESC, id DESC);

-- Expiry sweeps (soonest first) and the count of unexpired sessions.
CREATE INDEX sessions_expires_idx ON sessions (expires_at, id);
