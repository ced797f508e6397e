// Set the contact persons of invitations (personal data, kept apart from the graph).
// @param rows  list of {invitation_id, survey_id, name, email, email_key}
// @mode write
UNWIND $rows AS row
MERGE (c:SurveyContact {invitation_id: row.invitation_id})
SET c.survey_id = row.survey_id, c.name = row.name, c.email = row.email,
    c.email_key = row.email_key
RETURN c.invitation_id AS invitation_id
