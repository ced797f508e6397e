// Every collaboration with its two actors, ordered by id.
// @mode read
// @public
MATCH (a:Actor)-[r:COLLABORATES_WITH]->(b:Actor)
RETURN properties(r) AS props, a.id AS source_id, b.id AS target_id
ORDER BY r.id
