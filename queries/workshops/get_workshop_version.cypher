// The change counter of a workshop (live updates poll it); no row when it does not exist.
// @param id  workshop id
// @mode read
MATCH (w:Workshop {id: $id})
RETURN w.version AS version
