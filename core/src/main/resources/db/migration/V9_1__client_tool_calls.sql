-- Calls of client-side tools (tools the host page declared and runs in the browser): the run that called one ended
-- waiting for its result; the same end user answers it once, which continues the conversation.
CREATE TABLE client_tool_call (
    id              UUID PRIMARY KEY,
    tenant_id       TEXT NOT NULL REFERENCES tenant (id),
    conversation_id UUID NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    run_id          UUID NOT NULL,
    end_user_id     TEXT,
    tool_call_id    TEXT NOT NULL,
    name            TEXT NOT NULL,
    arguments       TEXT NOT NULL,
    route           TEXT,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'answered')),
    created_at      TIMESTAMPTZ NOT NULL,
    answered_at     TIMESTAMPTZ
);
CREATE INDEX client_tool_call_by_conversation ON client_tool_call (conversation_id, tool_call_id);
