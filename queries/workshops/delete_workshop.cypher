// Delete a workshop with its snapshots; its actors and ties stay in the graph.
// @param id  workshop id
// @mode write
MATCH (w:Workshop {id: $id})
OPTIONAL MATCH (w)-[:HAS_SNAPSHOT]->(s:WorkshopSnapshot)
DETACH DELETE s, w
