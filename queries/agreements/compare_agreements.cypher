// The given agreements that are new or changed: stored without this fingerprint, or not
// stored. The fingerprint covers the parties, and a write replaces them all, so an
// agreement never moves (same_ends is true).
// @param rows  list of {id, fingerprint, party_ids}
// @mode read
UNWIND $rows AS row
OPTIONAL MATCH (g:Agreement {id: row.id})
WITH row, g
WHERE g IS NULL OR g.fingerprint IS NULL OR g.fingerprint <> row.fingerprint
RETURN row.id AS id, g IS NOT NULL AS stored, true AS same_ends
