// Replace the frozen data of a snapshot (erasure of a person).
// @param id  workshop id
// @param snapshot_id  snapshot id
// @param data  the new JSON text
// @mode write
MATCH (:Workshop {id: $id})-[:HAS_SNAPSHOT]->(s:WorkshopSnapshot {id: $snapshot_id})
SET s.data = $data
RETURN s.id AS id
