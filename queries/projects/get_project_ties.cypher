// The ids of a project's participations (what deleting it removes).
// @param id  project id
// @mode read
MATCH (p:Project {id: $id})
RETURN [(:Actor)-[r:PARTICIPATES_IN]->(p) | r.id] AS participations
