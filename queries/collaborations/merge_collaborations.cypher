// Create or replace collaborations by id, between existing actors; a fresh rev (ETag) each.
// @param rows  list of {id, source_id, target_id, props}
// @mode write
UNWIND $rows AS row
MATCH (a:Actor {id: row.source_id})
MATCH (b:Actor {id: row.target_id})
MERGE (a)-[r:COLLABORATES_WITH {id: row.id}]->(b)
SET r = row.props, r.rev = randomUUID()
