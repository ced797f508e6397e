// Index the survey responses.
// @mode write
CREATE INDEX FOR (s:SurveyResponse) ON (s.id)
