// Index the key of workshop snapshots.
// @mode write
CREATE INDEX FOR (s:WorkshopSnapshot) ON (s.id)
