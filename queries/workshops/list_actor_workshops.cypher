// The workshops that include an actor, with its place on their grids (an access request).
// @param actor_id  actor id
// @mode read
MATCH (w:Workshop)-[r:INCLUDES]->(a:Actor {id: $actor_id})
RETURN w.id AS workshop_id, w.name AS name, r.added_here AS added_here, r.power AS power,
       r.interest AS interest, r.attitude AS attitude
ORDER BY w.id
