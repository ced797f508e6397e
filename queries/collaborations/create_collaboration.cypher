// Create one collaboration between two actors (no row when one of them is gone). CREATE,
// not MERGE: a taken id breaks the unique constraint on collaboration ids.
// @param source_id  actor id
// @param target_id  actor id
// @param props  all of the collaboration's properties
// @mode write
MATCH (a:Actor {id: $source_id})
MATCH (b:Actor {id: $target_id})
CREATE (a)-[r:COLLABORATES_WITH]->(b)
SET r = $props, r.rev = randomUUID()
RETURN properties(r) AS props, a.id AS source_id, b.id AS target_id
