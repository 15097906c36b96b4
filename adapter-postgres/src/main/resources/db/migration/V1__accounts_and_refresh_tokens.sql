-- Accounts (AccountStore) and the refresh tokens of their logins (RefreshTokenStore).
-- No foreign keys between the tables of different ports: each port stands on its own.

CREATE TABLE accounts (
    id            text        PRIMARY KEY,
    username      text        NOT NULL,
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL
);

-- Usernames are unique ignoring case; look-ups use the same expression, so they use this index.
CREATE UNIQUE INDEX accounts_username_key ON accounts (lower(username));

-- Only the hash of a token is stored. A token is active while used_at and revoked_at are null and
-- expires_at is in the future; consuming it sets used_at in one conditional UPDATE.
CREATE TABLE refresh_tokens (
    token_hash text        PRIMARY KEY,
    user_id    text        NOT NULL,
    family_id  text        NOT NULL,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    revoked_at timestamptz
);

CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
-- Purging tokens long expired.
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);
