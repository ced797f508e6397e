// The ids of an actor's participations and collaborations (what deleting it removes).
// @param id  actor id
// @mode read
MATCH (a:Actor {id: $id})
RETURN [(a)-[r:PARTICIPATES_IN]->(:Project) | r.id] AS participations,
       [(a)-[c:COLLABORATES_WITH]-(:Actor) | c.id] AS collaborations
