// Give the graph a new epoch (and bump its version): every snapshot and cached analysis
// made before a migration is keyed by the old epoch, so it is read again in full.
// @param epoch  a new random token
// @mode write
MERGE (m:Meta {id: 'graph'})
ON CREATE SET m.version = 0
SET m.epoch = $epoch, m.version = m.version + 1
RETURN m.version AS version, m.epoch AS epoch
