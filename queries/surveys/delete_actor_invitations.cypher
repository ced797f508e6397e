// Erase an actor's invitations in every survey, with their answers and contact persons.
// @param actor_id  actor id
// @mode write
MATCH (i:SurveyInvitation {actor_id: $actor_id})
OPTIONAL MATCH (r:SurveyResponse {id: i.id})
OPTIONAL MATCH (c:SurveyContact {invitation_id: i.id})
DELETE r, c, i
RETURN count(*) AS deleted
