// Actors matching the filters (a null filter matches all), sorted and paged.
// count_matching_actors repeats the filter block: change both (tests/test_query_pairs.py checks).
// @param kind  actor kind, or null for any
// @param sector  sector, or null
// @param scale  scale, or null
// @param locality  municipality code, or null
// @param tag  a tag the actor has, or null
// @param q  text the name contains (case-insensitive), or null
// @param hide_persons  true: the name search does not match persons without consent
// @param theme  theme of a project the actor takes part in, or null
// @param as_of  ISO date: only actors with a tie or participation active that day, or null
// @param aliases  list of {id, name, mask}: what hidden persons sort by for viewers (their
//   pseudonym and masked id), or an empty list
// @param sort  id, name, kind, sector, scale or locality
// @param descending  sort descending
// @param offset  rows to skip
// @param limit  rows to return
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
WITH a, head([x IN $aliases WHERE x.id = a.id]) AS alias
WITH a, coalesce(alias.mask, a.id) AS shown_id,
  CASE $sort WHEN 'name' THEN coalesce(alias.name, a.name) WHEN 'kind' THEN a.kind
  WHEN 'sector' THEN a.sector WHEN 'scale' THEN a.scale WHEN 'locality' THEN a.locality
  ELSE coalesce(alias.mask, a.id) END AS key
ORDER BY CASE WHEN $descending THEN null ELSE key END,
  CASE WHEN $descending THEN key ELSE null END DESC, shown_id
SKIP $offset LIMIT $limit
RETURN properties(a) AS props
