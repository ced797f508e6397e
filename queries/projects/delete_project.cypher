// Delete a project, if its rev is one of revs and it has no participations unless
// confirm. The check and the delete are one statement. The agreements that served it
// no longer name it (they get a new rev). Returns the ids of the participations it
// removed; no row when nothing was deleted.
// @param id  project id
// @param revs  list of accepted revs (ETags), or null for any
// @param confirm  true to delete its participations with it
// @mode write
MATCH (p:Project {id: $id})
WHERE $revs IS NULL OR p.rev IN $revs
WITH p, [(:Actor)-[r:PARTICIPATES_IN]->(p) | r.id] AS participations
WHERE $confirm OR size(participations) = 0
OPTIONAL MATCH (g:Agreement)
WHERE $id IN coalesce(g.project_ids, [])
WITH p, participations, collect(g) AS served
FOREACH (g IN served |
  SET g.project_ids = [x IN g.project_ids WHERE x <> $id], g.rev = randomUUID(),
      g.fingerprint = null)
DETACH DELETE p
RETURN participations
