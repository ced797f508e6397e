// The agreements an actor is a party to, with all their parties (the map's side panel
// and a person's access request).
// @param id  actor id
// @mode read
MATCH (:Actor {id: $id})-[:PARTY_TO]->(g:Agreement)
RETURN properties(g) AS props, [(a:Actor)-[:PARTY_TO]->(g) | a.id] AS party_ids
ORDER BY g.id
