// How many actors, projects, participations and collaborations the graph holds.
// One row per kind of item; separate counts are constant-time label and type counts.
// @mode read
// @public
MATCH (a:Actor)
RETURN 'actors' AS name, count(a) AS value
UNION ALL
MATCH (p:Project)
RETURN 'projects' AS name, count(p) AS value
UNION ALL
MATCH ()-[r:PARTICIPATES_IN]->()
RETURN 'participations' AS name, count(r) AS value
UNION ALL
MATCH ()-[c:COLLABORATES_WITH]->()
RETURN 'collaborations' AS name, count(c) AS value
