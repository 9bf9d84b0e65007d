-- A tenant's routing settings: the role map (role -> ordered backend names), its catalog overrides (role
-- descriptions, examples, thresholds, rules) and whether the small model breaks close calls.
CREATE TABLE tenant_routing (
    tenant_id   TEXT PRIMARY KEY REFERENCES tenant (id),
    settings    JSONB NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- US dollars per million tokens; NULL when unknown, and cost is then reported as unknown rather than as zero.
ALTER TABLE model_backend
    ADD COLUMN input_price  NUMERIC(12, 4) CHECK (input_price >= 0),
    ADD COLUMN output_price NUMERIC(12, 4) CHECK (output_price >= 0);

-- Each assistant message keeps the decision that produced it (role, signals, scores, reasons, fallbacks,
-- delegations) and what it cost; NULL cost means a backend without a price took part.
ALTER TABLE message
    ADD COLUMN route    TEXT,
    ADD COLUMN decision JSONB,
    ADD COLUMN cost     NUMERIC(18, 8);

ALTER TABLE usage_daily
    ADD COLUMN cost              NUMERIC(18, 8) NOT NULL DEFAULT 0,
    ADD COLUMN unpriced_requests BIGINT NOT NULL DEFAULT 0;
