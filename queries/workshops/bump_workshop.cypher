// Record a change of a workshop: its version goes up by one.
// @param id  workshop id
// @mode write
MATCH (w:Workshop {id: $id})
SET w.version = w.version + 1
RETURN w.version AS version
