// The stored participations with the given ids, with their endpoints.
// @param ids  list of participation ids
// @mode read
UNWIND $ids AS participation_id
MATCH (a:Actor)-[r:PARTICIPATES_IN {id: participation_id}]->(p:Project)
RETURN properties(r) AS props, a.id AS actor_id, p.id AS project_id
