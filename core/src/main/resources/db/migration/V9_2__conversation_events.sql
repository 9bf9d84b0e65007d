-- What happens in a conversation outside its runs, for clients watching it: a long-running action's job started,
-- progressed, finished. Numbered per conversation (the SSE id) under a lock on the conversation row, so the numbers
-- commit in order and a watcher resuming after one misses none.
CREATE TABLE conversation_event (
    conversation_id UUID NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    tenant_id       TEXT NOT NULL REFERENCES tenant (id),
    name            TEXT NOT NULL,
    payload         TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);
