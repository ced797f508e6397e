// Save one page of answers: replace the answers whole, in one statement, unless the
// response was submitted or saved by someone else since it was read (its revision
// counter moved past $rev; a response without one counts as revision 0).
// @param survey_id  survey id
// @param invitation_id  invitation id (also the response's id)
// @param respondent_id  the answering actor's id
// @param rev  the revision read before (0 for a first save)
// @param answers_json  the whole answers as JSON text
// @param pages_done  list of the pages saved so far
// @param lang  da or en
// @param now  ISO time
// @mode write
MATCH (s:Survey {id: $survey_id})
MATCH (i:SurveyInvitation {id: $invitation_id})
MERGE (r:SurveyResponse {id: $invitation_id})
ON CREATE SET r.survey_id = $survey_id, r.invitation_id = $invitation_id,
              r.respondent_id = $respondent_id, r.updated_at = ''
WITH s, i, r
WHERE r.submitted_at IS NULL AND coalesce(r.rev, 0) = $rev
SET r.rev = coalesce(r.rev, 0) + 1, r.answers_json = $answers_json, r.pages_done = $pages_done, r.lang = $lang,
    r.updated_at = $now, i.started_at = coalesce(i.started_at, $now), i.lang = $lang,
    s.version = s.version + 1
RETURN r.id AS id
