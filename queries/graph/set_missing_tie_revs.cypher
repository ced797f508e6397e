// Give ties stored by an older graphsvc a rev (ETag); runs on open until the unique
// constraints exist.
// @mode write
MATCH ()-[r:COLLABORATES_WITH|PARTICIPATES_IN]->()
WHERE r.rev IS NULL
SET r.rev = randomUUID()
RETURN count(r) AS given
