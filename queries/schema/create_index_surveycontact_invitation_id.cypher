// Index the survey contacts by invitation.
// @mode write
CREATE INDEX FOR (s:SurveyContact) ON (s.invitation_id)
