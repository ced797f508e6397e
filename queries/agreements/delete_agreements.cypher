// Delete agreements by id (their parties stay).
// @param ids  list of agreement ids
// @mode write
UNWIND $ids AS agreement_id
MATCH (g:Agreement {id: agreement_id})
DETACH DELETE g
