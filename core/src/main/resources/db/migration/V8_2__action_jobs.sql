-- Long-running actions: the target system accepted the call and gave a job id; the host polls it until it ends and
-- then posts the result into the conversation.
ALTER TABLE action_invocation
    ADD COLUMN job_id    TEXT,
    ADD COLUMN progress  TEXT,
    ADD COLUMN polled_at TIMESTAMPTZ;
CREATE INDEX action_invocation_jobs ON action_invocation (polled_at) WHERE status = 'running' AND job_id IS NOT NULL;
