// How many workshops other than the given one include an actor.
// @param id  workshop id
// @param actor_id  actor id
// @mode read
MATCH (w:Workshop)-[:INCLUDES]->(a:Actor {id: $actor_id})
WHERE w.id <> $id
RETURN count(w) AS n
