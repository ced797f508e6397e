// Create a workshop (its id must be new; the service checks first).
// @param id  workshop id (slug)
// @param props  map of name, purpose, municipality, date, start_from, start_id, created
// @mode write
CREATE (w:Workshop {id: $id, version: 0})
SET w += $props
RETURN properties(w) AS props
