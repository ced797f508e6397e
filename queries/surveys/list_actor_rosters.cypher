// The surveys whose roster holds an actor, with its place there (an access request).
// @param actor_id  actor id
// @mode read
MATCH (s:Survey)-[r:ROSTER]->(a:Actor {id: $actor_id})
RETURN s.id AS survey_id, s.title_da AS title_da, s.title_en AS title_en,
       s.status AS status, r.asked AS asked, r.nameable AS nameable
ORDER BY s.id
