// Index the survey invitations by survey.
// @mode write
CREATE INDEX FOR (s:SurveyInvitation) ON (s.survey_id)
