// Projects matching the filters (a null filter matches all), sorted and paged.
// count_matching_projects repeats the filter block: change both (tests/test_query_pairs.py checks).
// @param theme  theme, or null for any
// @param status  project status, or null
// @param locality  a municipality code among the project's localities, or null
// @param tag  a tag the project has, or null
// @param q  text the name contains (case-insensitive), or null
// @param as_of  ISO date: only projects running that day, or null
// @param sort  id, name, theme, status, start_date or end_date
// @param descending  sort descending
// @param offset  rows to skip
// @param limit  rows to return
// @mode read
MATCH (p:Project)
WHERE ($theme IS NULL OR p.theme = $theme)
  AND ($status IS NULL OR p.status = $status)
  AND ($locality IS NULL OR $locality IN coalesce(p.localities, []))
  AND ($tag IS NULL OR $tag IN coalesce(p.tags, []))
  AND ($q IS NULL OR toLower(p.name) CONTAINS toLower($q))
  AND ($as_of IS NULL OR ((p.start_date IS NULL OR p.start_date <= $as_of)
       AND (p.end_date IS NULL OR p.end_date >= $as_of)))
WITH p, CASE $sort WHEN 'name' THEN p.name WHEN 'theme' THEN p.theme WHEN 'status' THEN p.status
  WHEN 'start_date' THEN p.start_date WHEN 'end_date' THEN p.end_date ELSE p.id END AS key
ORDER BY CASE WHEN $descending THEN null ELSE key END,
  CASE WHEN $descending THEN key ELSE null END DESC, p.id
SKIP $offset LIMIT $limit
RETURN properties(p) AS props
