// The stored properties of the projects with the given ids (those that exist).
// @param ids  list of project ids
// @mode read
UNWIND $ids AS project_id
MATCH (p:Project {id: project_id})
RETURN properties(p) AS props
