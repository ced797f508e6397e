// The graph version: a counter bumped by every write (API, import, seed, reset, workshops),
// and its epoch (a token made with the counter), used to key cached analyses.
// @mode read
OPTIONAL MATCH (m:Meta {id: 'graph'})
RETURN m.version AS version, m.epoch AS epoch
