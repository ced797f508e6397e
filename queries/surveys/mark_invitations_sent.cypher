// Mark invitations sent by e-mail: last_sent_at, and the message's language unless the
// respondent has chosen one (reminders go out in it); bump the survey's version.
// @param id  survey id
// @param rows  list of {id, lang}: an invitation id and the language of its message
// @param now  ISO time
// @mode write
MATCH (s:Survey {id: $id})
SET s.version = s.version + 1
WITH s
UNWIND $rows AS row
MATCH (i:SurveyInvitation {id: row.id})
WHERE i.survey_id = $id
SET i.last_sent_at = $now, i.lang = coalesce(i.lang, row.lang)
RETURN count(i) AS marked
