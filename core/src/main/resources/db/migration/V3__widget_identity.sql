-- The chat widget of a tenant: its public id, the origins that may embed it, and the secret its SaaS backend uses
-- to sign end-user identity tokens (encrypted; the previous one stays valid until previous_valid_until).
CREATE TABLE widget (
    tenant_id                TEXT PRIMARY KEY REFERENCES tenant (id),
    public_id                TEXT NOT NULL UNIQUE,
    allowed_origins          JSONB NOT NULL,
    identity_secret          TEXT,
    previous_identity_secret TEXT,
    previous_valid_until     TIMESTAMPTZ,
    created_at               TIMESTAMPTZ NOT NULL,
    updated_at               TIMESTAMPTZ NOT NULL
);

-- A widget visitor's session: an opaque bearer token (kept hashed) for one end user, bound to the origin it was
-- opened from. Verified end users have their SaaS user id; anonymous ones get a per-session id.
CREATE TABLE widget_session (
    id          UUID PRIMARY KEY,
    tenant_id   TEXT NOT NULL REFERENCES tenant (id),
    token_hash  TEXT NOT NULL UNIQUE,
    end_user_id TEXT NOT NULL,
    verified    BOOLEAN NOT NULL,
    email       TEXT,
    name        TEXT,
    origin      TEXT NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

-- Conversations a widget user started belong to that end user; operators and API keys see all of the tenant's.
ALTER TABLE conversation ADD COLUMN end_user_id TEXT;
CREATE INDEX conversation_by_end_user ON conversation (tenant_id, end_user_id, updated_at DESC);

-- An image belongs to the conversation it was sent in, so access to it follows access to the conversation.
ALTER TABLE attachment ADD COLUMN conversation_id UUID REFERENCES conversation (id) ON DELETE CASCADE;
