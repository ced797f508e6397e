// The change log after a version, oldest first: what each write since then changed.
// @param since  a graph version
// @mode read
MATCH (c:Change)
WHERE c.version > $since
RETURN c.version AS version, c.table AS table, c.id AS id, c.op AS op
ORDER BY c.version
