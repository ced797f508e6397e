// Bump the graph version after a write (creates the version node with a fresh epoch).
// @param epoch  a random token, kept only when the version node is created
// @mode write
MERGE (m:Meta {id: 'graph'})
ON CREATE SET m.version = 0, m.epoch = $epoch
SET m.version = m.version + 1
RETURN m.version AS version, m.epoch AS epoch
