// Create invitations (one per asked actor) and bump the survey's version.
// @param id  survey id
// @param rows  list of invitation property maps (id, survey_id, actor_id, token_hash, ...)
// @mode write
MATCH (s:Survey {id: $id})
SET s.version = s.version + 1
WITH s
UNWIND $rows AS row
CREATE (i:SurveyInvitation)
SET i = row
RETURN i.id AS id
