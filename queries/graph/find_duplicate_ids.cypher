// Ids held by more than one actor or project, or by more than one tie of a kind: what a
// unique constraint cannot be created over (an older graphsvc allowed them).
// @mode read
MATCH (n)
WHERE n:Actor OR n:Project
WITH n.id AS id, count(*) AS held
WHERE held > 1
RETURN 'actors and projects' AS kind, id, held
UNION ALL
MATCH ()-[r:COLLABORATES_WITH]->()
WITH r.id AS id, count(*) AS held
WHERE held > 1
RETURN 'collaborations' AS kind, id, held
UNION ALL
MATCH ()-[r:PARTICIPATES_IN]->()
WITH r.id AS id, count(*) AS held
WHERE held > 1
RETURN 'participations' AS kind, id, held
UNION ALL
MATCH (g:Agreement)
WITH g.id AS id, count(*) AS held
WHERE held > 1
RETURN 'agreements' AS kind, id, held
