// The stored agreements with the given ids, with their parties.
// @param ids  list of agreement ids
// @mode read
UNWIND $ids AS agreement_id
MATCH (g:Agreement {id: agreement_id})
RETURN properties(g) AS props, [(a:Actor)-[:PARTY_TO]->(g) | a.id] AS party_ids
