// The given collaborations that are new or changed: stored without this fingerprint, or not stored.
// Unchanged rows return nothing, so an idempotent re-import reads back almost nothing.
// Endpoints carry no label: with one, FalkorDB scans every node per id instead of
// using the relationship index.
// @param rows  list of {id, fingerprint, source_id, target_id}
// @mode read
UNWIND $rows AS row
OPTIONAL MATCH (a)-[r:COLLABORATES_WITH {id: row.id}]->(b)
WITH row, r, a, b
WHERE r IS NULL OR r.fingerprint IS NULL OR r.fingerprint <> row.fingerprint
RETURN row.id AS id, r IS NOT NULL AS stored,
       r IS NOT NULL AND a.id = row.source_id AND b.id = row.target_id AS same_ends
