// The snapshots of a workshop without their data, oldest first.
// @param id  workshop id
// @mode read
MATCH (:Workshop {id: $id})-[:HAS_SNAPSHOT]->(s:WorkshopSnapshot)
RETURN s.id AS id, s.workshop_id AS workshop_id, s.note AS note, s.created AS created,
       s.version AS version, s.n_actors AS n_actors, s.n_ties AS n_ties
ORDER BY version, created, id
