// The ids of an actor's participations and collaborations, the agreements it is a party
// to (party_to) and those that deleting it deletes, left with one party (agreements):
// what deleting it removes (see actors/delete_actor).
// @param id  actor id
// @mode read
MATCH (a:Actor {id: $id})
OPTIONAL MATCH (a)-[:PARTY_TO]->(g:Agreement)
OPTIONAL MATCH (b:Actor)-[:PARTY_TO]->(g)
WITH a, g, count(b) AS parties
WITH a, collect(g.id) AS party_to, collect(CASE WHEN parties <= 2 THEN g.id END) AS agreements
RETURN [(a)-[r:PARTICIPATES_IN]->(:Project) | r.id] AS participations,
       [(a)-[c:COLLABORATES_WITH]-(:Actor) | c.id] AS collaborations,
       party_to, agreements
