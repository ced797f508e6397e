// Delete up to a batch of change-log entries (a migration restarts the log). Run until it
// deletes nothing.
// @param batch  how many entries to delete at most
// @mode write
MATCH (c:Change)
WITH c
LIMIT $batch
DELETE c
RETURN count(c) AS deleted
