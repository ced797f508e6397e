// Every survey, or the one with the given id, newest first.
// @param id  survey id, or null for all
// @mode read
MATCH (s:Survey)
WHERE $id IS NULL OR s.id = $id
RETURN properties(s) AS props
ORDER BY s.created_at DESC, s.id
