// Delete an actor with its participations and collaborations.
// @param id  actor id
// @mode write
MATCH (a:Actor {id: $id})
DETACH DELETE a
