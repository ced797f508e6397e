// Every participation with its actor and project, ordered by id.
// @mode read
// @public
MATCH (a:Actor)-[r:PARTICIPATES_IN]->(p:Project)
RETURN properties(r) AS props, a.id AS actor_id, p.id AS project_id
ORDER BY r.id
