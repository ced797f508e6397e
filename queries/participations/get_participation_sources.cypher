// The sources and quoted passage of the participations with the given ids that cite a
// source (reports: the others are not read), with their endpoints.
// Endpoints carry no label: with one, FalkorDB scans every node per id instead of
// using the relationship index.
// @param ids  list of participation ids
// @mode read
UNWIND $ids AS participation_id
MATCH (a)-[r:PARTICIPATES_IN {id: participation_id}]->(p)
WHERE r.sources IS NOT NULL
RETURN r.id AS id, r.sources AS sources, r.source_passage AS source_passage,
       a.id AS actor_id, p.id AS project_id
