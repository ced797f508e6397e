// Every collaboration, the columns analyses read (graphsvc.analysis.snapshot.ANALYSIS_COLUMNS),
// by id.
// @mode read
MATCH (a:Actor)-[r:COLLABORATES_WITH]->(b:Actor)
RETURN r.id AS id, a.id AS source_id, b.id AS target_id, r.kind AS kind,
       r.directed AS directed, r.weight AS weight, r.status AS status,
       r.start_date AS start_date, r.end_date AS end_date
ORDER BY r.id
