// Index the survey responses by survey.
// @mode write
CREATE INDEX FOR (s:SurveyResponse) ON (s.survey_id)
