-- Server-to-server credentials of a tenant. Only a SHA-256 of the key is kept: the key is high-entropy random, so a
-- fast hash is enough, and the key itself is shown once, at creation.
CREATE TABLE api_key (
    id           UUID PRIMARY KEY,
    tenant_id    TEXT NOT NULL REFERENCES tenant (id),
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    key_hash     TEXT NOT NULL UNIQUE,
    scope        TEXT NOT NULL CHECK (scope IN ('chat', 'admin')),
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_key_by_tenant ON api_key (tenant_id, created_at);
