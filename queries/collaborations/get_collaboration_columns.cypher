// The collaborations with the given ids (those that exist), the columns analyses read.
// Endpoints carry no label: with one, FalkorDB scans every node per id instead of
// using the relationship index.
// @param ids  list of collaboration ids
// @mode read
UNWIND $ids AS collaboration_id
MATCH (a)-[r:COLLABORATES_WITH {id: collaboration_id}]->(b)
RETURN r.id AS id, a.id AS source_id, b.id AS target_id, r.kind AS kind,
       r.directed AS directed, r.weight AS weight, r.status AS status,
       r.start_date AS start_date, r.end_date AS end_date
