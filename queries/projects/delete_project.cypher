// Delete a project with its participations, if its rev is one of revs.
// @param id  project id
// @param revs  list of accepted revs (ETags), or null for any
// @mode write
MATCH (p:Project {id: $id})
WHERE $revs IS NULL OR p.rev IN $revs
DETACH DELETE p
RETURN count(*) AS deleted
