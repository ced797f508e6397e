// How many participations match the filters of participations/find_participations.
// Its filter block is that of find_participations, to the letter (tests/test_query_pairs.py checks).
// @param actor_id  the actor, or null for any
// @param project_id  the project, or null
// @param role  role, or null
// @param status  existing or proposed, or null
// @param theme  the project's theme, or null
// @param locality  the actor's municipality code, or null
// @param as_of  ISO date: only participations active that day, or null
// @mode read
MATCH (a:Actor)-[r:PARTICIPATES_IN]->(p:Project)
WHERE ($actor_id IS NULL OR a.id = $actor_id)
  AND ($project_id IS NULL OR p.id = $project_id)
  AND ($role IS NULL OR r.role = $role)
  AND ($status IS NULL OR r.status = $status)
  AND ($theme IS NULL OR p.theme = $theme)
  AND ($locality IS NULL OR a.locality = $locality)
  AND ($as_of IS NULL OR ((r.start_date IS NULL OR r.start_date <= $as_of)
       AND (r.end_date IS NULL OR r.end_date >= $as_of)))
RETURN count(r) AS total
