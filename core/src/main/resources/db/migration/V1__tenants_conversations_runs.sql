-- Every tenant-owned table carries tenant_id, and every query filters on it (the tenant comes from CurrentTenant).

CREATE TABLE tenant (
    id          TEXT PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE conversation (
    id          UUID PRIMARY KEY,
    tenant_id   TEXT NOT NULL REFERENCES tenant (id),
    title       TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX conversation_by_tenant ON conversation (tenant_id, updated_at DESC);

-- Image bytes live here so a message part refers to an upload by id and no plugin ever fetches a user URL.
CREATE TABLE attachment (
    id          UUID PRIMARY KEY,
    tenant_id   TEXT NOT NULL REFERENCES tenant (id),
    media_type  TEXT NOT NULL,
    data        BYTEA NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE message (
    id              UUID PRIMARY KEY,
    tenant_id       TEXT NOT NULL REFERENCES tenant (id),
    conversation_id UUID NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    seq             BIGINT GENERATED ALWAYS AS IDENTITY,
    role            TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
    parts           JSONB NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('complete', 'failed', 'interrupted')),
    error_code      TEXT,
    backend         TEXT,
    model           TEXT,
    input_tokens    BIGINT NOT NULL DEFAULT 0,
    output_tokens   BIGINT NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX message_by_conversation ON message (conversation_id, seq);

CREATE TABLE run (
    id                   UUID PRIMARY KEY,
    tenant_id            TEXT NOT NULL REFERENCES tenant (id),
    conversation_id      UUID NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    user_message_id      UUID NOT NULL REFERENCES message (id),
    assistant_message_id UUID NOT NULL,
    status               TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'interrupted')),
    error_code           TEXT,
    created_at           TIMESTAMPTZ NOT NULL,
    heartbeat_at         TIMESTAMPTZ NOT NULL,
    finished_at          TIMESTAMPTZ
);
CREATE INDEX run_by_conversation ON run (conversation_id, created_at);

-- The typed events of a run, in order: what a client replays after Last-Event-ID, on any node.
CREATE TABLE run_event (
    run_id      UUID NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    seq         INT NOT NULL,
    type        TEXT NOT NULL,
    payload     TEXT NOT NULL,  -- the event JSON exactly as first sent, so a replay is byte-identical
    PRIMARY KEY (run_id, seq)
);

-- A tenant's model backends: a plugin factory plus its configuration (secret values encrypted by the app).
CREATE TABLE model_backend (
    tenant_id   TEXT NOT NULL REFERENCES tenant (id),
    name        TEXT NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    factory_id  TEXT NOT NULL,
    config      JSONB NOT NULL,
    position    INT NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

INSERT INTO tenant (id, name) VALUES ('default', 'Default tenant');
