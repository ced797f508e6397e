// Bump the graph version and append the change to the change log, in one statement, so
// a snapshot kept at an older version finds every write since (graphsvc.analysis.snapshot).
// One log entry per item written; an entry without table and id means "many items".
// @param epoch  a random token, kept only when the version node is created
// @param items  list of {table, id}: the items written (table and id null: many items)
// @param op  what was done: begin, create, update, delete, failed, import, reset, …
// @mode write
MERGE (m:Meta {id: 'graph'})
ON CREATE SET m.version = 0, m.epoch = $epoch
SET m.version = m.version + 1
FOREACH (item IN $items |
  CREATE (:Change {version: m.version, table: item.table, id: item.id, op: $op}))
RETURN m.version AS version, m.epoch AS epoch
