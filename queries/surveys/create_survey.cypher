// Create a survey unless its id is taken: returns whether this call created it.
// @param id  survey id (slug)
// @param token  a random token: the survey's identity across deletion and re-creation
// @param props  map of the survey's fields (title_da, scope_kind, status, created_at, ...)
// @mode write
MERGE (s:Survey {id: $id})
ON CREATE SET s.version = 0, s.token = $token, s += $props
RETURN s.token = $token AS created
