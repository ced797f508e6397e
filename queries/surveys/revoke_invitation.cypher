// Revoke an invitation of a survey (its link stops working) and bump the survey's version.
// @param id  survey id
// @param invitation_id  invitation id
// @param now  ISO time
// @mode write
MATCH (s:Survey {id: $id})
MATCH (i:SurveyInvitation {id: $invitation_id})
WHERE i.survey_id = $id
SET i.revoked_at = coalesce(i.revoked_at, $now), s.version = s.version + 1
RETURN properties(i) AS props
