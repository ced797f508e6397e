// Surveys whose answers may no longer be kept.
// @param today  ISO date
// @mode read
MATCH (s:Survey)
WHERE s.keep_answers_until IS NOT NULL AND s.keep_answers_until < $today
RETURN s.id AS id
