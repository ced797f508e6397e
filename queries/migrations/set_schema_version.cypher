// Record the progress of a migration: the version reached and the steps of the next one
// already done (so a migration stopped half-way resumes after its last finished step).
// @param version  the schema version the graph is now in
// @param steps  names of the steps towards version + 1 that are done
// @param release  the graphsvc release that writes it
// @param at  when, as ISO text (UTC)
// @mode write
MERGE (s:Schema {id: 'graphsvc'})
SET s.version = $version, s.steps = $steps, s.release = $release, s.updated = $at
RETURN s.version AS version
