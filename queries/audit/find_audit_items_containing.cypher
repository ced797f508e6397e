// The item ids in the audit log that contain a text (an erased person's id, also inside
// the ids of ties deleted long ago).
// @param text  the text to look for
// @mode read
MATCH (e:AuditEntry)
WHERE e.item_id CONTAINS $text
RETURN DISTINCT e.item_id AS item_id
