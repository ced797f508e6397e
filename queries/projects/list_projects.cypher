// Every project, ordered by id.
// @mode read
// @public
MATCH (p:Project)
RETURN properties(p) AS props
ORDER BY p.id
