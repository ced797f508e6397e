// Index the surveys.
// @mode write
CREATE INDEX FOR (s:Survey) ON (s.id)
