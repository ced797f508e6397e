// Erase the review decisions that name an actor or one of its names.
// @param actor_id  actor id
// @param name_keys  the actor's names as review keys
// @mode write
MATCH (v:SurveyReview)
WHERE v.actor_id = $actor_id OR v.name_key IN $name_keys
DELETE v
RETURN count(*) AS deleted
