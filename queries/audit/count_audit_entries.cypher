// How many audit entries match the filters of audit/find_audit_entries.
// Its filter block is that of find_audit_entries, to the letter (tests/test_query_pairs.py checks).
// @param who  key id, cli or demo, or null
// @param operation  operation, or null
// @param table  item table, or null
// @param item_ids  list of item ids, or null
// @param since  ISO time: entries at or after it, or null
// @param until  ISO time: entries at or before it, or null
// @mode read
MATCH (e:AuditEntry)
WHERE ($who IS NULL OR e.who = $who)
  AND ($operation IS NULL OR e.operation = $operation)
  AND ($table IS NULL OR e.table = $table)
  AND ($item_ids IS NULL OR e.item_id IN $item_ids)
  AND ($since IS NULL OR e.at >= $since)
  AND ($until IS NULL OR e.at <= $until)
RETURN count(e) AS total
