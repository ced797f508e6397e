// A survey's invitations with their contact persons, oldest first.
// @param id  survey id
// @mode read
MATCH (i:SurveyInvitation {survey_id: $id})
OPTIONAL MATCH (c:SurveyContact {invitation_id: i.id})
RETURN properties(i) AS props, c.name AS contact_name, c.email AS contact_email
ORDER BY i.created_at, i.actor_id
