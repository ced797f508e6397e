// Index the survey conflict resolutions by survey.
// @mode write
CREATE INDEX FOR (s:SurveyResolution) ON (s.survey_id)
