// Projects of a workshop's actors, with those actors: projects two or more of them share,
// and the project the workshop started from.
// @param id  workshop id
// @param start_project  the project the workshop started from, or null
// @mode read
MATCH (w:Workshop {id: $id})-[:INCLUDES]->(a:Actor)-[:PARTICIPATES_IN]->(p:Project)
WITH p, collect(DISTINCT a.id) AS actor_ids
WHERE size(actor_ids) >= 2 OR p.id = $start_project
RETURN p.id AS id, p.name AS name, p.theme AS theme, actor_ids
ORDER BY id
