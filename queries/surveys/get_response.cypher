// One response by its id (the invitation's id).
// @param id  response id
// @mode read
MATCH (r:SurveyResponse {id: $id})
RETURN properties(r) AS props
