// Create or replace actors by id. Each row's props are all of the actor's properties.
// Actors and projects share the label Entity, whose id the database keeps unique, and
// every write gives the item a fresh rev (its ETag).
// @param rows  list of {id, props}
// @mode write
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
SET a = row.props, a:Entity, a.rev = randomUUID()
