// Replace a survey's roster: the actors asked and those that may be named.
// @param id  survey id
// @param entries  list of {actor_id, asked, nameable}
// @param rev  a random token: the roster's revision (respondents' pages cache by it)
// @mode write
MATCH (s:Survey {id: $id})
OPTIONAL MATCH (s)-[old:ROSTER]->()
DELETE old
WITH DISTINCT s
SET s.version = s.version + 1, s.roster_rev = $rev
WITH s
UNWIND $entries AS entry
MATCH (a:Actor {id: entry.actor_id})
CREATE (s)-[:ROSTER {asked: entry.asked, nameable: entry.nameable}]->(a)
RETURN a.id AS actor_id
