// The collaborations between the given pairs of actors (either direction).
// @param pairs  list of [actor id, actor id]
// @mode read
UNWIND $pairs AS pair
MATCH (a:Actor {id: pair[0]})-[r:COLLABORATES_WITH]-(b:Actor {id: pair[1]})
RETURN a.id AS a, b.id AS b, r.id AS id
