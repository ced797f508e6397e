// Index the time of audit entries (the log is read newest first and by period).
// @mode write
CREATE INDEX FOR (e:AuditEntry) ON (e.at)
