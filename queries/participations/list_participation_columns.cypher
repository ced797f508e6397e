// Every participation, the columns analyses read (graphsvc.analysis.snapshot.ANALYSIS_COLUMNS),
// by id. A schema-1 funding_amount (DKK) reads as amount and currency until migrated.
// @mode read
MATCH (a:Actor)-[r:PARTICIPATES_IN]->(p:Project)
RETURN r.id AS id, a.id AS actor_id, p.id AS project_id, r.role AS role, r.status AS status,
       r.start_date AS start_date, r.end_date AS end_date,
       coalesce(r.amount, r.funding_amount) AS amount,
       CASE WHEN r.currency IS NULL AND r.funding_amount IS NOT NULL THEN 'DKK'
            ELSE r.currency END AS currency,
       r.support AS support
ORDER BY r.id
