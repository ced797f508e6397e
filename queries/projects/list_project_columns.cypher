// Every project, the columns analyses read (graphsvc.analysis.snapshot.ANALYSIS_COLUMNS), by id.
// @mode read
MATCH (p:Project)
RETURN p.id AS id, p.name AS name, p.theme AS theme, p.localities AS localities,
       p.start_date AS start_date, p.end_date AS end_date, p.status AS status
ORDER BY p.id
