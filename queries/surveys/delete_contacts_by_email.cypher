// Erase every survey contact with this e-mail address (GDPR erasure).
// @param email_key  the address, lower-cased and trimmed
// @mode write
MATCH (c:SurveyContact {email_key: $email_key})
DELETE c
RETURN count(*) AS deleted
