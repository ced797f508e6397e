// The collaborations between actors of a workshop, by id.
// @param id  workshop id
// @mode read
MATCH (w:Workshop {id: $id})-[:INCLUDES]->(a:Actor)-[c:COLLABORATES_WITH]->(b:Actor)<-[:INCLUDES]-(w)
RETURN properties(c) AS props, a.id AS source_id, b.id AS target_id
ORDER BY c.id
