// Delete participations by id (used when an import moves one to other endpoints).
// @param ids  list of participation ids
// @mode write
UNWIND $ids AS participation_id
MATCH ()-[r:PARTICIPATES_IN {id: participation_id}]->()
DELETE r
