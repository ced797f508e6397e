// Every agreement with its parties, ordered by id.
// @mode read
// @public
MATCH (g:Agreement)
RETURN properties(g) AS props, [(a:Actor)-[:PARTY_TO]->(g) | a.id] AS party_ids
ORDER BY g.id
