// The projects with the given ids (those that exist), the columns analyses read.
// @param ids  list of project ids
// @mode read
UNWIND $ids AS project_id
MATCH (p:Project {id: project_id})
RETURN p.id AS id, p.name AS name, p.theme AS theme, p.localities AS localities,
       p.start_date AS start_date, p.end_date AS end_date, p.status AS status
