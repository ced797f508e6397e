// Delete a project, if its rev is one of revs and it has no participations unless
// confirm. The check and the delete are one statement. Returns the ids of the
// participations it removed; no row when nothing was deleted.
// @param id  project id
// @param revs  list of accepted revs (ETags), or null for any
// @param confirm  true to delete its participations with it
// @mode write
MATCH (p:Project {id: $id})
WHERE $revs IS NULL OR p.rev IN $revs
WITH p, [(:Actor)-[r:PARTICIPATES_IN]->(p) | r.id] AS participations
WHERE $confirm OR size(participations) = 0
DETACH DELETE p
RETURN participations
