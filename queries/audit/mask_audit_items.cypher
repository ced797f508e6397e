// Replace item ids in audit entries (an erasure masks the erased person's ids).
// @param pairs  list of {old, new}
// @mode write
UNWIND $pairs AS pair
OPTIONAL MATCH (e:AuditEntry {item_id: pair.old})
SET e.item_id = pair.new
RETURN count(e) AS changed
