// The agreements with the given ids (those that exist), the columns analyses read.
// @param ids  list of agreement ids
// @mode read
UNWIND $ids AS agreement_id
MATCH (g:Agreement {id: agreement_id})
RETURN g.id AS id, [(a:Actor)-[:PARTY_TO]->(g) | a.id] AS party_ids, g.kind AS kind,
       g.status AS status, g.start_date AS start_date, g.end_date AS end_date
