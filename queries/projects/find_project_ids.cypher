// The ids among the given ones that name stored projects.
// @param ids  list of project ids
// @mode read
UNWIND $ids AS project_id
MATCH (p:Project {id: project_id})
RETURN p.id AS id
