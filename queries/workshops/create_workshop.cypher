// Create a workshop unless its id is taken: returns whether this call created it.
// @param id  workshop id (slug)
// @param token  a random token: the workshop's identity across deletion and re-creation
// @param props  map of name, purpose, municipality, date, start_from, start_id, created
// @mode write
MERGE (w:Workshop {id: $id})
ON CREATE SET w.version = 0, w.token = $token, w += $props
RETURN w.token = $token AS created
