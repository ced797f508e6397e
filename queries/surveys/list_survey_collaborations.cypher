// The collaborations a survey wrote alone: their sources are exactly [$source]
// (a collaboration curated data also names is not the survey's to remove).
// @param source  the survey's source, survey:<id>
// @mode read
MATCH (a:Actor)-[r:COLLABORATES_WITH]->(b:Actor)
WHERE size(r.sources) = 1 AND r.sources[0] = $source
RETURN r.id AS id, a.id AS a, b.id AS b
