// Replace a survey's roster: the actors asked and those that may be named.
// @param id  survey id
// @param entries  list of {actor_id, asked, nameable}
// @mode write
MATCH (s:Survey {id: $id})
OPTIONAL MATCH (s)-[old:ROSTER]->()
DELETE old
WITH DISTINCT s
SET s.version = s.version + 1
WITH s
UNWIND $entries AS entry
MATCH (a:Actor {id: entry.actor_id})
CREATE (s)-[:ROSTER {asked: entry.asked, nameable: entry.nameable}]->(a)
RETURN a.id AS actor_id
