// Prune the change log: delete its entries up to a version (a snapshot older than that
// reads the whole graph again).
// @param upto  a graph version
// @mode write
MATCH (c:Change)
WHERE c.version <= $upto
DELETE c
