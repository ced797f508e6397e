// The stored collaborations with the given ids, with their endpoints.
// Endpoints carry no label: with one, FalkorDB scans every node per id instead of
// using the relationship index.
// @param ids  list of collaboration ids
// @mode read
UNWIND $ids AS collaboration_id
MATCH (a)-[r:COLLABORATES_WITH {id: collaboration_id}]->(b)
RETURN properties(r) AS props, a.id AS source_id, b.id AS target_id
