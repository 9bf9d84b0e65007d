-- A model reply with several tool calls continues once, in one run, when every call has its outcome: the run that
-- continues it names the run that ended waiting, and a client tool's result is kept until then. A continuation keeps
-- the route of the reply it continues, so client tool calls no longer store one.
ALTER TABLE run ADD COLUMN continues UUID REFERENCES run (id) ON DELETE CASCADE;
CREATE UNIQUE INDEX run_continues ON run (continues);
ALTER TABLE client_tool_call ADD COLUMN result TEXT;
ALTER TABLE client_tool_call DROP COLUMN route;
CREATE INDEX client_tool_call_by_run ON client_tool_call (run_id);
CREATE INDEX action_invocation_by_run ON action_invocation (run_id);
