-- The operator's console lists the newest sessions of every owner, and the retention rate counts the
-- sessions created in a period: both read the catalogue by creation time, across owners.
CREATE INDEX sessions_created_idx ON sessions (created_at DESC, id DESC);
