// Participations matching the filters (a null filter matches all), sorted and paged.
// count_matching_participations repeats the filter block: change both (tests/test_query_pairs.py checks).
// @param actor_id  the actor, or null for any
// @param project_id  the project, or null
// @param role  role, or null
// @param status  existing or proposed, or null
// @param theme  the project's theme, or null
// @param locality  the actor's municipality code, or null
// @param as_of  ISO date: only participations active that day, or null
// @param sort  id, role, status, start_date or end_date
// @param descending  sort descending
// @param offset  rows to skip
// @param limit  rows to return
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
WITH a, r, p, CASE $sort WHEN 'role' THEN r.role WHEN 'status' THEN r.status
  WHEN 'start_date' THEN r.start_date WHEN 'end_date' THEN r.end_date ELSE r.id END AS key
ORDER BY CASE WHEN $descending THEN null ELSE key END,
  CASE WHEN $descending THEN key ELSE null END DESC, r.id
SKIP $offset LIMIT $limit
RETURN properties(r) AS props, a.id AS actor_id, p.id AS project_id
