// The given projects that are new or changed: stored without this fingerprint, or not stored.
// Unchanged rows return nothing, so an idempotent re-import reads back almost nothing.
// @param rows  list of {id, fingerprint}
// @mode read
UNWIND $rows AS row
OPTIONAL MATCH (p:Project {id: row.id})
WITH row, p
WHERE p IS NULL OR p.fingerprint IS NULL OR p.fingerprint <> row.fingerprint
RETURN row.id AS id, p IS NOT NULL AS stored, true AS same_ends
