// The given actors that are new or changed: stored without this fingerprint, or not stored.
// Unchanged rows return nothing, so an idempotent re-import reads back almost nothing.
// @param rows  list of {id, fingerprint}
// @mode read
UNWIND $rows AS row
OPTIONAL MATCH (a:Actor {id: row.id})
WITH row, a
WHERE a IS NULL OR a.fingerprint IS NULL OR a.fingerprint <> row.fingerprint
RETURN row.id AS id, a IS NOT NULL AS stored, true AS same_ends
