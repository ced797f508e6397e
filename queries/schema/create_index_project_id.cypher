// Index the merge key of projects.
// @mode write
CREATE INDEX FOR (p:Project) ON (p.id)
