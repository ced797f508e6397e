// Remember how conflicts with curated data were resolved, per pair, and bump the survey's version.
// @param id  survey id
// @param rows  list of {pair, how} (how: survey or keep)
// @mode write
MATCH (s:Survey {id: $id})
SET s.version = s.version + 1
WITH s
UNWIND $rows AS row
MERGE (v:SurveyResolution {survey_id: $id, pair: row.pair})
SET v.how = row.how
RETURN count(v) AS saved
