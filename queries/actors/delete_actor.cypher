// Delete an actor, if its rev is one of revs and it has no ties unless confirm. The
// check and the delete are one statement, so a tie added meanwhile is never removed
// unconfirmed. Returns the ids of the ties it removed; no row when nothing was deleted.
// @param id  actor id
// @param revs  list of accepted revs (ETags), or null for any
// @param confirm  true to delete its participations and collaborations with it
// @mode write
MATCH (a:Actor {id: $id})
WHERE $revs IS NULL OR a.rev IN $revs
WITH a,
     [(a)-[r:PARTICIPATES_IN]->(:Project) | r.id] AS participations,
     [(a)-[c:COLLABORATES_WITH]-(:Actor) | c.id] AS collaborations
WHERE $confirm OR size(participations) + size(collaborations) = 0
DETACH DELETE a
RETURN participations, collaborations
