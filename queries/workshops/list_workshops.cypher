// Every workshop (or the one with the given id) with its number of actors and ties.
// @param id  a workshop id, or null for all
// @mode read
MATCH (w:Workshop)
WHERE $id IS NULL OR w.id = $id
OPTIONAL MATCH (w)-[:INCLUDES]->(a:Actor)
WITH w, count(a) AS n_actors
OPTIONAL MATCH (w)-[:INCLUDES]->(:Actor)-[c:COLLABORATES_WITH]->(:Actor)<-[:INCLUDES]-(w)
RETURN properties(w) AS props, n_actors, count(c) AS n_ties
ORDER BY props.created DESC, props.id
