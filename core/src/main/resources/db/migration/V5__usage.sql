-- Tokens used per tenant, day (UTC) and backend: what budgets are checked against and cost reports are made of.
CREATE TABLE usage_daily (
    tenant_id     TEXT NOT NULL REFERENCES tenant (id),
    day           DATE NOT NULL,
    backend       TEXT NOT NULL,
    requests      BIGINT NOT NULL,
    input_tokens  BIGINT NOT NULL,
    output_tokens BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, day, backend)
);

-- A tenant's daily token budget (input + output); NULL means no budget.
ALTER TABLE tenant ADD COLUMN tokens_per_day BIGINT CHECK (tokens_per_day > 0);
