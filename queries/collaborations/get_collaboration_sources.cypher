// The sources and quoted passage of the collaborations with the given ids that cite a
// source (reports: the others are not read), with their endpoints.
// Endpoints carry no label: with one, FalkorDB scans every node per id instead of
// using the relationship index.
// @param ids  list of collaboration ids
// @mode read
UNWIND $ids AS collaboration_id
MATCH (a)-[r:COLLABORATES_WITH {id: collaboration_id}]->(b)
WHERE r.sources IS NOT NULL
RETURN r.id AS id, r.sources AS sources, r.source_passage AS source_passage,
       a.id AS source_id, b.id AS target_id
