-- A tenant's connectors: an action plugin factory with its configuration (secret values encrypted by the app).
CREATE TABLE connector (
    tenant_id             TEXT NOT NULL REFERENCES tenant (id),
    name                  TEXT NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    factory_id            TEXT NOT NULL,
    config                JSONB NOT NULL,
    -- Loopback, private and cloud-metadata addresses stay unreachable unless an admin allows them here.
    allow_private_network BOOLEAN NOT NULL DEFAULT false,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

-- The actions a tenant enabled (none are by default), each pinned to the definition the admin saw: if the connector
-- later describes the action differently, it stays off until re-approved.
CREATE TABLE connector_action (
    tenant_id       TEXT NOT NULL,
    connector       TEXT NOT NULL,
    action          TEXT NOT NULL,
    spec_hash       TEXT NOT NULL,
    -- false relaxes confirmation for a WRITE action; never honoured for DESTRUCTIVE ones.
    confirm         BOOLEAN NOT NULL DEFAULT true,
    enabled_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, connector, action),
    FOREIGN KEY (tenant_id, connector) REFERENCES connector (tenant_id, name) ON DELETE CASCADE
);

-- Every action invocation: its state and its audit record. A change runs only from 'approved' (or at once for
-- reads and relaxed writes), and each state change is a guarded UPDATE, so nothing runs twice.
CREATE TABLE action_invocation (
    id                  UUID PRIMARY KEY,
    tenant_id           TEXT NOT NULL REFERENCES tenant (id),
    conversation_id     UUID NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    run_id              UUID NOT NULL,
    end_user_id         TEXT,
    connector           TEXT NOT NULL,
    action              TEXT NOT NULL,
    effect              TEXT NOT NULL,
    tool_call_id        TEXT NOT NULL,
    arguments           JSONB NOT NULL,   -- as shown in the audit: secret-looking fields redacted
    arguments_sealed    TEXT NOT NULL,    -- exactly what runs, encrypted
    arguments_hash      TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected', 'expired', 'running',
                                                         'succeeded', 'failed', 'outcome_unknown')),
    approval_token_hash TEXT,
    expires_at          TIMESTAMPTZ,
    decided_by          TEXT,
    decided_at          TIMESTAMPTZ,
    idempotency_key     UUID NOT NULL,
    summary             TEXT,
    error_code          TEXT,
    error_message       TEXT,
    latency_ms          BIGINT,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX action_invocation_by_tenant ON action_invocation (tenant_id, created_at DESC);
CREATE INDEX action_invocation_running ON action_invocation (status) WHERE status = 'running';
