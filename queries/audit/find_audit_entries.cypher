// Audit entries matching the filters (a null filter matches all), newest first, paged.
// count_audit_entries repeats the filter block: change both (tests/test_query_pairs.py checks).
// @param who  key id, cli or demo, or null
// @param operation  operation, or null
// @param table  item table, or null
// @param item_ids  list of item ids, or null
// @param since  ISO time: entries at or after it, or null
// @param until  ISO time: entries at or before it, or null
// @param offset  rows to skip
// @param limit  rows to return
// @mode read
MATCH (e:AuditEntry)
WHERE ($who IS NULL OR e.who = $who)
  AND ($operation IS NULL OR e.operation = $operation)
  AND ($table IS NULL OR e.table = $table)
  AND ($item_ids IS NULL OR e.item_id IN $item_ids)
  AND ($since IS NULL OR e.at >= $since)
  AND ($until IS NULL OR e.at <= $until)
WITH e
ORDER BY e.at DESC, e.id DESC
SKIP $offset LIMIT $limit
RETURN properties(e) AS props
