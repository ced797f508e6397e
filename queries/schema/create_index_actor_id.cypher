// Index the merge key of actors.
// @mode write
CREATE INDEX FOR (a:Actor) ON (a.id)
