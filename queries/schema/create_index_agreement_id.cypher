// Index the id of agreements: the unique constraint on it needs this index in FalkorDB
// (Neo4j's constraint brings its own).
// @mode write
CREATE INDEX FOR (g:Agreement) ON (g.id)
