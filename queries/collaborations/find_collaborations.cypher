// Collaborations matching the filters (a null filter matches all), sorted and paged.
// count_matching_collaborations repeats the filter block: change both (tests/test_query_pairs.py checks).
// @param actor_id  an actor at either end, or null for any
// @param kind  collaboration kind, or null
// @param status  existing or proposed, or null
// @param sector  the sector of either actor, or null
// @param locality  the municipality code of either actor, or null
// @param as_of  ISO date: only collaborations active that day, or null
// @param sort  id, kind, status, weight, start_date or end_date
// @param descending  sort descending
// @param offset  rows to skip
// @param limit  rows to return
// @mode read
MATCH (a:Actor)-[r:COLLABORATES_WITH]->(b:Actor)
WHERE ($actor_id IS NULL OR a.id = $actor_id OR b.id = $actor_id)
  AND ($kind IS NULL OR r.kind = $kind)
  AND ($status IS NULL OR r.status = $status)
  AND ($sector IS NULL OR a.sector = $sector OR b.sector = $sector)
  AND ($locality IS NULL OR a.locality = $locality OR b.locality = $locality)
  AND ($as_of IS NULL OR ((r.start_date IS NULL OR r.start_date <= $as_of)
       AND (r.end_date IS NULL OR r.end_date >= $as_of)))
WITH a, r, b, CASE $sort WHEN 'kind' THEN r.kind WHEN 'status' THEN r.status
  WHEN 'weight' THEN r.weight WHEN 'start_date' THEN r.start_date
  WHEN 'end_date' THEN r.end_date ELSE r.id END AS key
ORDER BY CASE WHEN $descending THEN null ELSE key END,
  CASE WHEN $descending THEN key ELSE null END DESC, r.id
SKIP $offset LIMIT $limit
RETURN properties(r) AS props, a.id AS source_id, b.id AS target_id
