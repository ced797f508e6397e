// Change the facts of a workshop (a null value removes the field) and bump its version.
// @param id  workshop id
// @param props  map of the changed fields
// @mode write
MATCH (w:Workshop {id: $id})
SET w += $props, w.version = w.version + 1
RETURN properties(w) AS props
