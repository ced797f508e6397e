// Delete a survey's responses (the answers).
// @param id  survey id
// @mode write
MATCH (r:SurveyResponse {survey_id: $id})
DELETE r
RETURN count(*) AS deleted
