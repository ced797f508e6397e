// Replace a collaboration if its rev is one of revs (no row otherwise, or when an actor
// is gone), between the given actors: the old relationship is replaced in the same
// statement, so the check and the write are atomic even when the ends change.
// @param id  collaboration id
// @param revs  list of accepted revs (ETags), or null for any
// @param source_id  actor id
// @param target_id  actor id
// @param props  all of the collaboration's new properties
// @mode write
MATCH ()-[old:COLLABORATES_WITH {id: $id}]->()
WHERE $revs IS NULL OR old.rev IN $revs
MATCH (a:Actor {id: $source_id})
MATCH (b:Actor {id: $target_id})
DELETE old
CREATE (a)-[r:COLLABORATES_WITH]->(b)
SET r = $props, r.rev = randomUUID()
RETURN properties(r) AS props, a.id AS source_id, b.id AS target_id
