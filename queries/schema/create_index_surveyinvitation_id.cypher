// Index the survey invitations.
// @mode write
CREATE INDEX FOR (s:SurveyInvitation) ON (s.id)
