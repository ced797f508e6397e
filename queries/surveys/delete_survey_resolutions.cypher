// Delete a survey's conflict resolutions.
// @param id  survey id
// @mode write
MATCH (v:SurveyResolution {survey_id: $id})
DELETE v
RETURN count(*) AS deleted
