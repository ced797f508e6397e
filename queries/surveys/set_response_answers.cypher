// Replace a response's answers (an erasure rewrote them).
// @param id  response id
// @param answers_json  the answers as JSON text
// @mode write
MATCH (r:SurveyResponse {id: $id})
SET r.answers_json = $answers_json
RETURN r.id AS id
