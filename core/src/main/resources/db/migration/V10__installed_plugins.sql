-- What the marketplace installed, for every node: each node downloads, verifies and loads the same release (it hears
-- of a change through NOTIFY on switchboard_plugins, and reconciles periodically). A row without a version records an
-- uninstall, so a plugins-directory jar of that id stays unloaded on every node.
CREATE TABLE installed_plugin (
    plugin_id  TEXT PRIMARY KEY,
    version    TEXT,
    repository TEXT,
    sha512     TEXT,
    key_id     TEXT,
    changed_at TIMESTAMPTZ NOT NULL,
    CHECK ((version IS NULL) = (repository IS NULL) AND (version IS NULL) = (sha512 IS NULL))
);
