// How many actors, projects, participations and collaborations the graph holds.
// @mode read
// @public
MATCH (a:Actor)
WITH count(a) AS actors
OPTIONAL MATCH (p:Project)
WITH actors, count(p) AS projects
OPTIONAL MATCH (:Actor)-[r:PARTICIPATES_IN]->(:Project)
WITH actors, projects, count(r) AS participations
OPTIONAL MATCH (:Actor)-[c:COLLABORATES_WITH]->(:Actor)
RETURN actors, projects, participations, count(c) AS collaborations
