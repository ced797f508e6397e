// Replace an actor's properties if its rev is one of revs (no row otherwise): the check
// and the write are one statement, so no concurrent edit is lost between them.
// @param id  actor id
// @param revs  list of accepted revs (ETags), or null for any
// @param props  all of the actor's new properties
// @mode write
MATCH (a:Actor {id: $id})
WHERE $revs IS NULL OR a.rev IN $revs
SET a = $props, a.rev = randomUUID()
RETURN properties(a) AS props
