// The actors with the given ids: what a roster needs of them.
// @param ids  list of actor ids
// @mode read
UNWIND $ids AS actor_id
MATCH (a:Actor {id: actor_id})
RETURN a.id AS actor_id, a.name AS name, a.sector AS sector, a.locality AS locality,
       a.is_person AS is_person, a.consent_to_publish AS consent_to_publish
