// The stored collaborations with the given ids, with their endpoints.
// @param ids  list of collaboration ids
// @mode read
UNWIND $ids AS collaboration_id
MATCH (a:Actor)-[r:COLLABORATES_WITH {id: collaboration_id}]->(b:Actor)
RETURN properties(r) AS props, a.id AS source_id, b.id AS target_id
