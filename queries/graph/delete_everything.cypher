// Delete every node and tie of the graph (tests and `graphsvc db reset`).
// @mode write
MATCH (n)
DETACH DELETE n
