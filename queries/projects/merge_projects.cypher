// Create or replace projects by id. Each row's props are all of the project's properties.
// Actors and projects share the label Entity, whose id the database keeps unique, and
// every write gives the item a fresh rev (its ETag).
// @param rows  list of {id, props}
// @mode write
UNWIND $rows AS row
MERGE (p:Project {id: row.id})
SET p = row.props, p:Entity, p.rev = randomUUID()
