// The ids among the given ones that name stored actors.
// @param ids  list of actor ids
// @mode read
UNWIND $ids AS actor_id
MATCH (a:Actor {id: actor_id})
RETURN a.id AS id
