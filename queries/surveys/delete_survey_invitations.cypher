// Delete a survey's invitations.
// @param id  survey id
// @mode write
MATCH (i:SurveyInvitation {survey_id: $id})
DELETE i
RETURN count(*) AS deleted
