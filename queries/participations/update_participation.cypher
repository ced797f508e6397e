// Replace a participation if its rev is one of revs (no row otherwise, or when its actor
// or project is gone): the old relationship is replaced in the same statement, so the
// check and the write are atomic even when the ends change.
// @param id  participation id
// @param revs  list of accepted revs (ETags), or null for any
// @param actor_id  actor id
// @param project_id  project id
// @param props  all of the participation's new properties
// @mode write
MATCH ()-[old:PARTICIPATES_IN {id: $id}]->()
WHERE $revs IS NULL OR old.rev IN $revs
MATCH (a:Actor {id: $actor_id})
MATCH (p:Project {id: $project_id})
DELETE old
CREATE (a)-[r:PARTICIPATES_IN]->(p)
SET r = $props, r.rev = randomUUID()
RETURN properties(r) AS props, a.id AS actor_id, p.id AS project_id
