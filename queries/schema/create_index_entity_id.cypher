// Index the id of actors and projects together (label Entity): the unique constraint on
// it needs this index in FalkorDB (Neo4j's constraint brings its own).
// @mode write
CREATE INDEX FOR (e:Entity) ON (e.id)
