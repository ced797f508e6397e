// The stored properties of the actors with the given ids (those that exist).
// @param ids  list of actor ids
// @mode read
UNWIND $ids AS actor_id
MATCH (a:Actor {id: actor_id})
RETURN properties(a) AS props
