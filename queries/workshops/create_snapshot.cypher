// Freeze a workshop's state: the snapshot keeps the state as JSON text.
// @param id  workshop id
// @param snapshot  map of id, note, created, version, n_actors, n_ties, data
// @mode write
MATCH (w:Workshop {id: $id})
CREATE (w)-[:HAS_SNAPSHOT]->(s:WorkshopSnapshot)
SET s = $snapshot, s.workshop_id = $id
RETURN properties(s) AS props
