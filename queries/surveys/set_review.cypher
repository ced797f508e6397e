// Decide on a name given as "someone not on the list" and bump the survey's version.
// @param id  survey id
// @param name_key  the name, case-folded, spaces collapsed
// @param given_name  the name as given
// @param decision  actor or ignore
// @param actor_id  the actor it is (decision actor), else null
// @mode write
MATCH (s:Survey {id: $id})
MERGE (v:SurveyReview {survey_id: $id, name_key: $name_key})
SET v.name = $given_name, v.decision = $decision, v.actor_id = $actor_id,
    s.version = s.version + 1
RETURN properties(v) AS props
