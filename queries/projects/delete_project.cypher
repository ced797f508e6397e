// Delete a project with its participations.
// @param id  project id
// @mode write
MATCH (p:Project {id: $id})
DETACH DELETE p
