// Every participation, the columns analyses read (graphsvc.analysis.snapshot.ANALYSIS_COLUMNS),
// by id.
// @mode read
MATCH (a:Actor)-[r:PARTICIPATES_IN]->(p:Project)
RETURN r.id AS id, a.id AS actor_id, p.id AS project_id, r.role AS role, r.status AS status,
       r.start_date AS start_date, r.end_date AS end_date, r.funding_amount AS funding_amount
ORDER BY r.id
