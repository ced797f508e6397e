// How a survey's conflicts with curated data were resolved, per pair.
// @param id  survey id
// @mode read
MATCH (v:SurveyResolution {survey_id: $id})
RETURN v.pair AS pair, v.how AS how
