// Index the survey contacts by e-mail (erasure).
// @mode write
CREATE INDEX FOR (s:SurveyContact) ON (s.email_key)
