// The review decisions that name an actor or one of its names (an access request).
// @param actor_id  actor id
// @param name_keys  the actor's names as review keys
// @mode read
MATCH (v:SurveyReview)
WHERE v.actor_id = $actor_id OR v.name_key IN $name_keys
RETURN v.survey_id AS survey_id, v.name AS name, v.decision AS decision
ORDER BY v.survey_id, v.name_key
