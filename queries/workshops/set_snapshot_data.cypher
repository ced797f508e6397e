// Replace the frozen data and the note of a snapshot (erasure of a person).
// @param id  workshop id
// @param snapshot_id  snapshot id
// @param data  the new JSON text
// @param note  the new note
// @mode write
MATCH (:Workshop {id: $id})-[:HAS_SNAPSHOT]->(s:WorkshopSnapshot {id: $snapshot_id})
SET s.data = $data, s.note = $note
RETURN s.id AS id
