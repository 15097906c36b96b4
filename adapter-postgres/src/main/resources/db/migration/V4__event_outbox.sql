-- The event outbox (EventOutbox): domain events waiting to be published to the broker.

CREATE TABLE event_outbox (
    -- Append order: the relay publishes pending events in this order.
    seq            bigserial   PRIMARY KEY,
    event_id       text        NOT NULL UNIQUE,
    event_type     text        NOT NULL,
    session_id     text        NOT NULL,
    payload        jsonb       NOT NULL,
    created_at     timestamptz NOT NULL,
    published_at   timestamptz,
    attempts       integer     NOT NULL DEFAULT 0,
    last_failed_at timestamptz
);

-- The pending events in append order; published rows drop out of the index.
CREATE INDEX event_outbox_pending_idx ON event_outbox (seq) WHERE published_at IS NULL;

-- Purging published events older than a retention period.
CREATE INDEX event_outbox_published_idx ON event_outbox (published_at) WHERE published_at IS NOT NULL;
