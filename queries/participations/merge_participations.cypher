// Create or replace participations by id, between existing actors and projects; a fresh
// rev (ETag) each.
// @param rows  list of {id, actor_id, project_id, props}
// @mode write
UNWIND $rows AS row
MATCH (a:Actor {id: row.actor_id})
MATCH (p:Project {id: row.project_id})
MERGE (a)-[r:PARTICIPATES_IN {id: row.id}]->(p)
SET r = row.props, r.rev = randomUUID()
