// A survey's responses.
// @param id  survey id
// @mode read
MATCH (r:SurveyResponse {survey_id: $id})
RETURN properties(r) AS props
ORDER BY r.respondent_id
