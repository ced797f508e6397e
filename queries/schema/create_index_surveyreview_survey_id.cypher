// Index the survey reviews by survey.
// @mode write
CREATE INDEX FOR (s:SurveyReview) ON (s.survey_id)
