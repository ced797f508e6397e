// Which kinds of item the graph holds at all: one row per non-empty kind. Each part stops
// at the first item, so it costs the same on a graph of any size (an import compares with
// what is stored only where something is).
// @mode read
MATCH (a:Actor)
WITH a LIMIT 1
RETURN 'actors' AS name
UNION ALL
MATCH (p:Project)
WITH p LIMIT 1
RETURN 'projects' AS name
UNION ALL
MATCH ()-[r:PARTICIPATES_IN]->()
WITH r LIMIT 1
RETURN 'participations' AS name
UNION ALL
MATCH ()-[c:COLLABORATES_WITH]->()
WITH c LIMIT 1
RETURN 'collaborations' AS name
UNION ALL
MATCH (g:Agreement)
WITH g LIMIT 1
RETURN 'agreements' AS name
