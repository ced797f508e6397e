// Index the survey invitations by their token's hash.
// @mode write
CREATE INDEX FOR (s:SurveyInvitation) ON (s.token_hash)
