// The actors with the given ids (those that exist), the columns analyses read.
// @param ids  list of actor ids
// @mode read
UNWIND $ids AS actor_id
MATCH (a:Actor {id: actor_id})
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.sector AS sector, a.scale AS scale,
       a.locality AS locality, a.is_person AS is_person,
       a.consent_to_publish AS consent_to_publish, a.member_kind AS member_kind,
       a.member_counts AS member_counts
