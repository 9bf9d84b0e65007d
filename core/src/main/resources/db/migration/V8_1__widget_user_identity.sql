-- What a verified widget user's identity token says beyond who they are: attributes tenant routing rules match on
-- (for example {"userTier": "enterprise"}), and the token itself, encrypted, for connectors that act as the user.
ALTER TABLE widget_session
    ADD COLUMN attributes     JSONB NOT NULL DEFAULT '{}',
    ADD COLUMN identity_token TEXT;
