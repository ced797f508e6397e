// Bump the graph version and append the change to the change log, in one statement, so
// a snapshot kept at an older version finds every write since (graphsvc.analysis.snapshot).
// @param epoch  a random token, kept only when the version node is created
// @param table  the table written (actors, projects, participations, collaborations, …) or null
// @param id  the one item written, or null when many (an import, a reset)
// @param op  what was done: begin, create, update, delete, failed, import, reset, …
// @mode write
MERGE (m:Meta {id: 'graph'})
ON CREATE SET m.version = 0, m.epoch = $epoch
SET m.version = m.version + 1
CREATE (:Change {version: m.version, table: $table, id: $id, op: $op})
RETURN m.version AS version, m.epoch AS epoch
