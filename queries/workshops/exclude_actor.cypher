// Take an actor out of a workshop's scope; returns whether the workshop had added it.
// @param id  workshop id
// @param actor_id  actor id
// @mode write
MATCH (w:Workshop {id: $id})-[r:INCLUDES]->(a:Actor {id: $actor_id})
WITH r, r.added_here AS added_here
DELETE r
RETURN added_here
