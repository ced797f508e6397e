// Delete a survey's review decisions.
// @param id  survey id
// @mode write
MATCH (v:SurveyReview {survey_id: $id})
DELETE v
RETURN count(*) AS deleted
