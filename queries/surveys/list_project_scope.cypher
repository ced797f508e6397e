// A project's participants, each with the actors it has a collaboration with.
// @param id  project id
// @mode read
MATCH (p:Project {id: $id})<-[:PARTICIPATES_IN]-(a:Actor)
OPTIONAL MATCH (a)-[:COLLABORATES_WITH]-(b:Actor)
RETURN a.id AS participant, collect(DISTINCT b.id) AS partners
