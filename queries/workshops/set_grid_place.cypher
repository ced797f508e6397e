// Place an actor on a workshop's stakeholder grid (nulls take it off the grid).
// @param id  workshop id
// @param actor_id  actor id
// @param power  power / influence, 0 to 1, or null
// @param interest  interest, 0 to 1, or null
// @param attitude  supporter, neutral, critic, or null
// @mode write
MATCH (w:Workshop {id: $id})-[r:INCLUDES]->(a:Actor {id: $actor_id})
SET r.power = $power, r.interest = $interest, r.attitude = $attitude
RETURN a.id AS actor_id
