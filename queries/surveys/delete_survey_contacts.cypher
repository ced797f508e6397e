// Delete the contact persons of a survey's invitations (personal data).
// @param id  survey id
// @mode write
MATCH (c:SurveyContact {survey_id: $id})
DELETE c
RETURN count(*) AS deleted
