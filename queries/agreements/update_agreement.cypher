// Replace an agreement and its parties if its rev is one of revs (no row otherwise, or
// when a party is not a stored actor). The check and the write are one statement.
// @param id  agreement id
// @param revs  list of accepted revs (ETags), or null for any
// @param props  all of the agreement's new properties but its parties
// @param party_ids  list of actor ids (distinct)
// @mode write
MATCH (g:Agreement {id: $id})
WHERE $revs IS NULL OR g.rev IN $revs
UNWIND $party_ids AS party_id
OPTIONAL MATCH (a:Actor {id: party_id})
WITH g, collect(a) AS parties
WHERE size(parties) = size($party_ids)
OPTIONAL MATCH (:Actor)-[old:PARTY_TO]->(g)
DELETE old
WITH DISTINCT g, parties
SET g = $props, g.rev = randomUUID()
WITH g, parties
UNWIND parties AS a
CREATE (a)-[:PARTY_TO]->(g)
WITH g, collect(a.id) AS party_ids
RETURN properties(g) AS props, party_ids
