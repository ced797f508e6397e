// Delete collaborations by id (used when an import moves one to other endpoints).
// @param ids  list of collaboration ids
// @mode write
UNWIND $ids AS collaboration_id
MATCH ()-[r:COLLABORATES_WITH {id: collaboration_id}]->()
DELETE r
