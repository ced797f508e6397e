// How many actors match the filters of actors/find_actors.
// Its filter block is that of find_actors, to the letter (tests/test_query_pairs.py checks).
// @param kind  actor kind, or null for any
// @param sector  sector, or null
// @param scale  scale, or null
// @param locality  municipality code, or null
// @param tag  a tag the actor has, or null
// @param q  text the name contains (case-insensitive), or null
// @param hide_persons  true: the name search does not match persons without consent
// @param theme  theme of a project the actor takes part in, or null
// @param as_of  ISO date: only actors with a tie or participation active that day, or null
// @mode read
MATCH (a:Actor)
WHERE ($kind IS NULL OR a.kind = $kind)
  AND ($sector IS NULL OR a.sector = $sector)
  AND ($scale IS NULL OR a.scale = $scale)
  AND ($locality IS NULL OR a.locality = $locality)
  AND ($tag IS NULL OR $tag IN coalesce(a.tags, []))
  AND ($q IS NULL OR (toLower(a.name) CONTAINS toLower($q)
       AND NOT ($hide_persons AND coalesce(a.is_person, false) AND NOT coalesce(a.consent_to_publish, false))))
WITH a,
  CASE WHEN $theme IS NULL THEN 1
    ELSE size([(a)-[:PARTICIPATES_IN]->(t:Project) WHERE t.theme = $theme | t.id]) END AS themed,
  CASE WHEN $as_of IS NULL THEN 1
    ELSE size([(a)-[r:PARTICIPATES_IN|COLLABORATES_WITH]-()
      WHERE (r.start_date IS NULL OR r.start_date <= $as_of)
        AND (r.end_date IS NULL OR r.end_date >= $as_of) | r.id]) END AS active
WHERE themed > 0 AND active > 0
RETURN count(a) AS total
