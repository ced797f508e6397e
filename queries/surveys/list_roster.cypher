// A survey's roster with what the coordinator and the respondents see of each actor.
// @param id  survey id
// @mode read
MATCH (s:Survey {id: $id})-[r:ROSTER]->(a:Actor)
RETURN a.id AS actor_id, a.name AS name, a.sector AS sector, a.locality AS locality,
       a.is_person AS is_person, a.consent_to_publish AS consent_to_publish,
       r.asked AS asked, r.nameable AS nameable
ORDER BY a.name, a.id
