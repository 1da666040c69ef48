-- JWT Guard token store: refresh-token families, refresh-token hashes, revocations.
-- Applied by JdbcTokenStore.applySchema() when jwtguard.store.jdbc.apply-schema=true; idempotent.
-- Instants are epoch milliseconds (BIGINT): no time-zone conversions between nodes and database.
-- Tested on PostgreSQL 17. Statements are separated by semicolons at the end of a line.

CREATE TABLE IF NOT EXISTS jwtguard_refresh_family (
    family_id       VARCHAR(64)   NOT NULL PRIMARY KEY,
    subject         VARCHAR(255)  NOT NULL,
    client_id       VARCHAR(255)  NOT NULL,
    scope           VARCHAR(4000) NOT NULL,
    groups_json     VARCHAR(8000) NOT NULL,
    created_at      BIGINT        NOT NULL,
    absolute_expiry BIGINT        NOT NULL,
    revoked_at      BIGINT
);
CREATE INDEX IF NOT EXISTS jwtguard_refresh_family_subject ON jwtguard_refresh_family (subject);
CREATE INDEX IF NOT EXISTS jwtguard_refresh_family_expiry ON jwtguard_refresh_family (absolute_expiry);

-- DPoP (RFC 9449 section 5): the RFC 7638 thumbprint of the key a family is bound to, NULL for a
-- bearer family. Its own statement, so that a table created before DPoP support is migrated in place.
ALTER TABLE jwtguard_refresh_family ADD COLUMN IF NOT EXISTS dpop_jkt VARCHAR(64);

-- token_hash is base64url(SHA-256(token)); the token itself is never stored.
CREATE TABLE IF NOT EXISTS jwtguard_refresh_token (
    token_hash      VARCHAR(64)   NOT NULL PRIMARY KEY,
    family_id       VARCHAR(64)   NOT NULL REFERENCES jwtguard_refresh_family (family_id) ON DELETE CASCADE,
    issued_at       BIGINT        NOT NULL,
    expires_at      BIGINT        NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    rotated_at      BIGINT,
    successor_hash  VARCHAR(64)
);
CREATE INDEX IF NOT EXISTS jwtguard_refresh_token_family ON jwtguard_refresh_token (family_id);

CREATE TABLE IF NOT EXISTS jwtguard_revoked_jti (
    jti             VARCHAR(255)  NOT NULL PRIMARY KEY,
    expires_at      BIGINT        NOT NULL
);

CREATE TABLE IF NOT EXISTS jwtguard_revoked_subject (
    subject         VARCHAR(255)  NOT NULL PRIMARY KEY,
    revoked_before  BIGINT        NOT NULL,
    expires_at      BIGINT        NOT NULL
);

-- grant_id is a refresh family id: the sid claim of the access tokens issued from that family.
CREATE TABLE IF NOT EXISTS jwtguard_revoked_grant (
    grant_id        VARCHAR(64)   NOT NULL PRIMARY KEY,
    expires_at      BIGINT        NOT NULL
);
