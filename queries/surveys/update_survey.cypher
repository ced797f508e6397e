// Change a survey's fields (a null value removes the field) and bump its version.
// @param id  survey id
// @param props  map of changed fields
// @mode write
MATCH (s:Survey {id: $id})
SET s += $props, s.version = s.version + 1
RETURN properties(s) AS props
