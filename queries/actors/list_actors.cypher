// Every actor, ordered by id.
// @mode read
// @public
MATCH (a:Actor)
RETURN properties(a) AS props
ORDER BY a.id
