// Replace a project's properties if its rev is one of revs (no row otherwise): the check
// and the write are one statement, so no concurrent edit is lost between them.
// @param id  project id
// @param revs  list of accepted revs (ETags), or null for any
// @param props  all of the project's new properties
// @mode write
MATCH (p:Project {id: $id})
WHERE $revs IS NULL OR p.rev IN $revs
SET p = $props, p.rev = randomUUID()
RETURN properties(p) AS props
