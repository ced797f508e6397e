// Delete one agreement (its parties stay), if its rev is one of revs.
// @param id  agreement id
// @param revs  list of accepted revs (ETags), or null for any
// @mode write
MATCH (g:Agreement {id: $id})
WHERE $revs IS NULL OR g.rev IN $revs
DETACH DELETE g
RETURN count(*) AS deleted
