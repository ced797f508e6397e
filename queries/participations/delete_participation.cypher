// Delete one participation, if its rev is one of revs.
// @param id  participation id
// @param revs  list of accepted revs (ETags), or null for any
// @mode write
MATCH ()-[r:PARTICIPATES_IN {id: $id}]->()
WHERE $revs IS NULL OR r.rev IN $revs
DELETE r
RETURN count(*) AS deleted
