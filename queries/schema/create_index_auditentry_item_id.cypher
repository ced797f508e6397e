// Index the item of audit entries (a person's access request and erasure look them up).
// @mode write
CREATE INDEX FOR (e:AuditEntry) ON (e.item_id)
