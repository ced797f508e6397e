// Delete one collaboration, if its rev is one of revs.
// @param id  collaboration id
// @param revs  list of accepted revs (ETags), or null for any
// @mode write
MATCH ()-[r:COLLABORATES_WITH {id: $id}]->()
WHERE $revs IS NULL OR r.rev IN $revs
DELETE r
RETURN count(*) AS deleted
