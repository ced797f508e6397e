// Bring actors into a workshop's scope (those already in it keep their grid place).
// @param id  workshop id
// @param ids  list of actor ids
// @param added_here  true when the workshop created these actors
// @mode write
MATCH (w:Workshop {id: $id})
UNWIND $ids AS actor_id
MATCH (a:Actor {id: actor_id})
MERGE (w)-[r:INCLUDES]->(a)
ON CREATE SET r.added_here = $added_here
RETURN a.id AS id
