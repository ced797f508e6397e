// Create one agreement with its parties (no row when a party is not a stored actor: the
// database holds the reference). CREATE, not MERGE: a taken id breaks the unique
// constraint on agreement ids.
// @param props  all of the agreement's properties but its parties
// @param party_ids  list of actor ids (distinct)
// @mode write
UNWIND $party_ids AS party_id
OPTIONAL MATCH (a:Actor {id: party_id})
WITH collect(a) AS parties
WHERE size(parties) = size($party_ids)
CREATE (g:Agreement)
SET g = $props, g.rev = randomUUID()
WITH g, parties
UNWIND parties AS a
CREATE (a)-[:PARTY_TO]->(g)
WITH g, collect(a.id) AS party_ids
RETURN properties(g) AS props, party_ids
