// The schema version the graph was written in (graphsvc.store.migrations), the steps of the
// next migration already done, and whether the graph holds anything at all (a graph that
// holds data but no version record was written by graphsvc 0.1.0: schema 1).
// Runs as a write: it is the first statement on a new graph, and FalkorDB refuses a read-only
// query on a graph that does not exist yet (a write query creates it, empty).
// @mode write
OPTIONAL MATCH (s:Schema {id: 'graphsvc'})
WITH s
OPTIONAL MATCH (n)
WITH s, n
LIMIT 1
RETURN s.version AS version, s.steps AS steps, n IS NOT NULL AS stored
