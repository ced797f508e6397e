// How many projects match the filters of projects/find_projects.
// Its filter block is that of find_projects, to the letter (tests/test_query_pairs.py checks).
// @param theme  theme, or null for any
// @param status  project status, or null
// @param locality  a municipality code among the project's localities, or null
// @param tag  a tag the project has, or null
// @param q  text the name contains (case-insensitive), or null
// @param as_of  ISO date: only projects running that day, or null
// @mode read
MATCH (p:Project)
WHERE ($theme IS NULL OR p.theme = $theme)
  AND ($status IS NULL OR p.status = $status)
  AND ($locality IS NULL OR $locality IN coalesce(p.localities, []))
  AND ($tag IS NULL OR $tag IN coalesce(p.tags, []))
  AND ($q IS NULL OR toLower(p.name) CONTAINS toLower($q))
  AND ($as_of IS NULL OR ((p.start_date IS NULL OR p.start_date <= $as_of)
       AND (p.end_date IS NULL OR p.end_date >= $as_of)))
RETURN count(p) AS total
