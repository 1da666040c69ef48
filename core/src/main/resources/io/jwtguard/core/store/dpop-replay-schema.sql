-- JWT Guard DPoP replay cache (RFC 9449 section 11.1) shared by the nodes of a cluster.
-- Applied by JdbcReplayCache.applySchema() when jwtguard.store.jdbc.apply-schema=true; idempotent.
-- Kept apart from schema.sql so that each can change on its own.
-- proof_key is base64url(SHA-256(key thumbprint, jti)): the proof itself is never stored.
-- expires_at is epoch milliseconds: iat + proof max age + clock skew, after which the proof is refused as stale anyway.

CREATE TABLE IF NOT EXISTS jwtguard_dpop_proof (
    proof_key       VARCHAR(64)   NOT NULL PRIMARY KEY,
    expires_at      BIGINT        NOT NULL
);
CREATE INDEX IF NOT EXISTS jwtguard_dpop_proof_expiry ON jwtguard_dpop_proof (expires_at);
