// The sources and quoted passage of the actors with the given ids that cite a source
// (reports: the others are not read), with what says whether the actor is hidden.
// @param ids  list of actor ids
// @mode read
UNWIND $ids AS actor_id
MATCH (a:Actor {id: actor_id})
WHERE a.sources IS NOT NULL
RETURN a.id AS id, a.sources AS sources, a.source_passage AS source_passage,
       a.is_person AS is_person, a.consent_to_publish AS consent_to_publish
