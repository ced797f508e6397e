// The sources and quoted passage of the projects with the given ids that cite a source
// (reports: the others are not read).
// @param ids  list of project ids
// @mode read
UNWIND $ids AS project_id
MATCH (p:Project {id: project_id})
WHERE p.sources IS NOT NULL
RETURN p.id AS id, p.sources AS sources, p.source_passage AS source_passage
