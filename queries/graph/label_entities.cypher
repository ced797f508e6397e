// Give actors and projects stored by an older graphsvc the shared label Entity (whose id
// is unique) and a rev (ETag); runs on open until the unique constraints exist.
// @mode write
MATCH (n)
WHERE (n:Actor OR n:Project) AND (NOT n:Entity OR n.rev IS NULL)
SET n:Entity, n.rev = coalesce(n.rev, randomUUID())
RETURN count(n) AS labelled
