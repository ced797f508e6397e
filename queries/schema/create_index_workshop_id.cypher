// Index the key of workshops.
// @mode write
CREATE INDEX FOR (w:Workshop) ON (w.id)
