// Delete an actor, if its rev is one of revs and it has no ties unless confirm. The
// check and the delete are one statement, so a tie added meanwhile is never removed
// unconfirmed. The actor leaves every agreement it is a party to; an agreement left with
// fewer than two parties is deleted with it (an agreement needs two). Returns the ids of
// the ties it removed, the agreements it left (party_to) and those deleted (agreements);
// no row when nothing was deleted.
// @param id  actor id
// @param revs  list of accepted revs (ETags), or null for any
// @param confirm  true to delete its participations and collaborations with it
// @mode write
MATCH (a:Actor {id: $id})
WHERE $revs IS NULL OR a.rev IN $revs
OPTIONAL MATCH (a)-[:PARTY_TO]->(g:Agreement)
OPTIONAL MATCH (b:Actor)-[:PARTY_TO]->(g)
WITH a, g, count(b) AS parties
WITH a, collect(g.id) AS party_to, collect(CASE WHEN parties <= 2 THEN g END) AS ended
WITH a, party_to, ended, [e IN ended | e.id] AS agreements,
     [(a)-[r:PARTICIPATES_IN]->(:Project) | r.id] AS participations,
     [(a)-[c:COLLABORATES_WITH]-(:Actor) | c.id] AS collaborations
WHERE $confirm OR size(participations) + size(collaborations) + size(party_to) = 0
FOREACH (e IN ended | DETACH DELETE e)
DETACH DELETE a
RETURN participations, collaborations, party_to, agreements
