// How many collaborations match the filters of collaborations/find_collaborations.
// Its filter block is that of find_collaborations, to the letter (tests/test_query_pairs.py checks).
// @param actor_id  an actor at either end, or null for any
// @param kind  collaboration kind, or null
// @param status  existing or proposed, or null
// @param sector  the sector of either actor, or null
// @param locality  the municipality code of either actor, or null
// @param as_of  ISO date: only collaborations active that day, or null
// @mode read
MATCH (a:Actor)-[r:COLLABORATES_WITH]->(b:Actor)
WHERE ($actor_id IS NULL OR a.id = $actor_id OR b.id = $actor_id)
  AND ($kind IS NULL OR r.kind = $kind)
  AND ($status IS NULL OR r.status = $status)
  AND ($sector IS NULL OR a.sector = $sector OR b.sector = $sector)
  AND ($locality IS NULL OR a.locality = $locality OR b.locality = $locality)
  AND ($as_of IS NULL OR ((r.start_date IS NULL OR r.start_date <= $as_of)
       AND (r.end_date IS NULL OR r.end_date >= $as_of)))
RETURN count(r) AS total
