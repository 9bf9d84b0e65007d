-- Records connectors keep in Switchboard rather than send elsewhere (e.g. form submissions with the "stored"
-- destination), each scoped to a tenant and a connector instance by name. They outlive the connector's configuration:
-- removing a connector does not erase what users submitted through it.
CREATE TABLE connector_record (
    id          UUID PRIMARY KEY,
    tenant_id   TEXT NOT NULL REFERENCES tenant (id),
    connector   TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]{0,62}$'),
    -- The connector's own id for the record: a retried invocation stores the same key, which is kept once.
    record_key  TEXT NOT NULL CHECK (length(record_key) BETWEEN 1 AND 200),
    end_user_id TEXT,
    body        JSONB NOT NULL CHECK (jsonb_typeof(body) = 'object'),
    created_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, connector, kind, record_key)
);
CREATE INDEX connector_record_by_connector ON connector_record (tenant_id, connector, created_at DESC);
