// Index the merge key of collaborations (actor -> actor).
// @mode write
CREATE INDEX FOR ()-[r:COLLABORATES_WITH]-() ON (r.id)
