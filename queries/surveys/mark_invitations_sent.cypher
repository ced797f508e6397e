// Mark invitations sent by e-mail (their last_sent_at) and bump the survey's version.
// @param id  survey id
// @param invitation_ids  list of invitation ids
// @param now  ISO time
// @mode write
MATCH (s:Survey {id: $id})
SET s.version = s.version + 1
WITH s
MATCH (i:SurveyInvitation)
WHERE i.survey_id = $id AND i.id IN $invitation_ids
SET i.last_sent_at = $now
RETURN count(i) AS marked
