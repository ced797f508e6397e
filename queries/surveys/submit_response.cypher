// Submit a response (once) and bump the survey's version.
// @param survey_id  survey id
// @param invitation_id  invitation id (also the response's id)
// @param rev  the revision read before (the answers checked are the stored ones;
//   a response without one counts as revision 0)
// @param now  ISO time
// @mode write
MATCH (s:Survey {id: $survey_id})
MATCH (i:SurveyInvitation {id: $invitation_id})
MATCH (r:SurveyResponse {id: $invitation_id})
WHERE r.submitted_at IS NULL AND coalesce(r.rev, 0) = $rev
SET r.rev = coalesce(r.rev, 0) + 1, r.submitted_at = $now, i.submitted_at = $now, s.version = s.version + 1
RETURN r.id AS id
