// Delete an actor with its participations and collaborations, if its rev is one of revs.
// @param id  actor id
// @param revs  list of accepted revs (ETags), or null for any
// @mode write
MATCH (a:Actor {id: $id})
WHERE $revs IS NULL OR a.rev IN $revs
DETACH DELETE a
RETURN count(*) AS deleted
