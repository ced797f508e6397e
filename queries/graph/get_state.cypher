// The graph's state in one cheap read: item counts (label and type counts, constant time)
// and the version counter with its epoch. Keys cached analyses (see graph/bump_version).
// @mode read
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
OPTIONAL MATCH (m:Meta {id: 'graph'})
RETURN 'version' AS name, coalesce(m.version, 0) AS value
UNION ALL
OPTIONAL MATCH (n:Meta {id: 'graph'})
RETURN 'epoch' AS name, n.epoch AS value
