// Every agreement, the columns analyses read (graphsvc.analysis.snapshot.ANALYSIS_COLUMNS),
// by id.
// @mode read
MATCH (g:Agreement)
RETURN g.id AS id, [(a:Actor)-[:PARTY_TO]->(g) | a.id] AS party_ids, g.kind AS kind,
       g.status AS status, g.start_date AS start_date, g.end_date AS end_date
ORDER BY g.id
