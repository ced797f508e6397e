// Create or replace actors by id. Each row's props are all of the actor's properties.
// @param rows  list of {id, props}
// @mode write
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
SET a = row.props
