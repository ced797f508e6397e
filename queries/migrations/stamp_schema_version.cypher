// Record the schema version of a new, empty graph; a version already recorded stays.
// @param version  the schema version of the code
// @param release  the graphsvc release that writes it
// @param at  when, as ISO text (UTC)
// @mode write
MERGE (s:Schema {id: 'graphsvc'})
ON CREATE SET s.version = $version, s.steps = [], s.release = $release, s.updated = $at
RETURN s.version AS version
