// The participations with the given ids (those that exist), the columns analyses read
// (a schema-1 funding_amount, in DKK, reads as amount and currency until migrated).
// Endpoints carry no label: with one, FalkorDB scans every node per id instead of
// using the relationship index.
// @param ids  list of participation ids
// @mode read
UNWIND $ids AS participation_id
MATCH (a)-[r:PARTICIPATES_IN {id: participation_id}]->(p)
RETURN r.id AS id, a.id AS actor_id, p.id AS project_id, r.role AS role, r.status AS status,
       r.start_date AS start_date, r.end_date AS end_date,
       coalesce(r.amount, r.funding_amount) AS amount,
       CASE WHEN r.currency IS NULL AND r.funding_amount IS NOT NULL THEN 'DKK'
            ELSE r.currency END AS currency,
       r.support AS support
