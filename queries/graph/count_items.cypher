// How many actors, projects, participations, collaborations and agreements the graph holds.
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
UNION ALL
MATCH (g:Agreement)
RETURN 'agreements' AS name, count(g) AS value
