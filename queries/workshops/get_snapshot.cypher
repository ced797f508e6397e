// One snapshot of a workshop, with its data.
// @param id  workshop id
// @param snapshot_id  snapshot id
// @mode read
MATCH (:Workshop {id: $id})-[:HAS_SNAPSHOT]->(s:WorkshopSnapshot {id: $snapshot_id})
RETURN properties(s) AS props
