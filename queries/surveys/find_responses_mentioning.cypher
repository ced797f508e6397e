// Responses whose answers hold the given text (an actor id or a name), ignoring case.
// @param text  the text, lower-cased
// @mode read
MATCH (r:SurveyResponse)
WHERE toLower(r.answers_json) CONTAINS $text
RETURN r.id AS id, r.survey_id AS survey_id, r.respondent_id AS respondent_id,
       r.answers_json AS answers_json
