// The stored participations with the given ids, with their endpoints.
// Endpoints carry no label: with one, FalkorDB scans every node per id instead of
// using the relationship index.
// @param ids  list of participation ids
// @mode read
UNWIND $ids AS participation_id
MATCH (a)-[r:PARTICIPATES_IN {id: participation_id}]->(p)
RETURN properties(r) AS props, a.id AS actor_id, p.id AS project_id
