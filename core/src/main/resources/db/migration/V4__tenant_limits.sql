-- Per-tenant request limits; NULL means the deployment's default (switchboard.limits.*).
ALTER TABLE tenant ADD COLUMN requests_per_minute_per_user INT CHECK (requests_per_minute_per_user > 0);
ALTER TABLE tenant ADD COLUMN requests_per_minute_per_key INT CHECK (requests_per_minute_per_key > 0);
