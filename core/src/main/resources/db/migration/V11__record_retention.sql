-- How many days a tenant keeps its connectors' records; NULL means the deployment's default
-- (switchboard.records.retention-days). Older records are purged periodically.
ALTER TABLE tenant ADD COLUMN record_retention_days INT CHECK (record_retention_days > 0);
-- The purge deletes a tenant's oldest records; erasing an end user's data finds their records.
CREATE INDEX connector_record_by_age ON connector_record (tenant_id, created_at);
CREATE INDEX connector_record_by_end_user ON connector_record (tenant_id, end_user_id);
