// Bump a survey's version (its status page polls it).
// @param id  survey id
// @mode write
MATCH (s:Survey {id: $id})
SET s.version = s.version + 1
RETURN s.version AS version
