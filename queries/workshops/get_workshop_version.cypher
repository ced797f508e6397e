// The change counter of a workshop (live updates poll it) with its token (made at
// creation, so a re-created workshop is a new one); no row when it does not exist.
// @param id  workshop id
// @mode read
MATCH (w:Workshop {id: $id})
RETURN w.version AS version, w.token AS token
