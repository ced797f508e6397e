// Record one write in the audit log (see graphsvc/audit.py).
// @param entry  map of id, at, who, operation, table, item_id, fields, count (no values)
// @mode write
CREATE (e:AuditEntry)
SET e = $entry
RETURN e.id AS id
