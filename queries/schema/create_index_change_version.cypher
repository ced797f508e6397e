// Index the change log by version (snapshots read the entries after theirs).
// @mode write
CREATE INDEX FOR (c:Change) ON (c.version)
