// Create one participation of an actor in a project (no row when one of them is gone).
// CREATE, not MERGE: a taken id breaks the unique constraint on participation ids.
// @param actor_id  actor id
// @param project_id  project id
// @param props  all of the participation's properties
// @mode write
MATCH (a:Actor {id: $actor_id})
MATCH (p:Project {id: $project_id})
CREATE (a)-[r:PARTICIPATES_IN]->(p)
SET r = $props, r.rev = randomUUID()
RETURN properties(r) AS props, a.id AS actor_id, p.id AS project_id
