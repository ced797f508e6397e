// A survey's review decisions.
// @param id  survey id
// @mode read
MATCH (v:SurveyReview {survey_id: $id})
RETURN properties(v) AS props
ORDER BY v.name_key
