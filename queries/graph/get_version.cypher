// The graph version: a counter bumped by every write through the API (and its epoch,
// a token that changes when the graph is reset), used to key cached analyses.
// @mode read
OPTIONAL MATCH (m:Meta {id: 'graph'})
RETURN m.version AS version, m.epoch AS epoch
