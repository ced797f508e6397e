// An actor's invitations in every survey, with its answers and its contact person (an
// access request; the token hashes are not returned).
// @param actor_id  actor id
// @mode read
MATCH (i:SurveyInvitation {actor_id: $actor_id})
OPTIONAL MATCH (r:SurveyResponse {id: i.id})
OPTIONAL MATCH (c:SurveyContact {invitation_id: i.id})
RETURN properties(i) AS props, r.answers_json AS answers_json, c.name AS contact_name,
       c.email AS contact_email
ORDER BY i.survey_id, i.created_at
