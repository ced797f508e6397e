// Agreements matching the filters (a null filter matches all), sorted and paged.
// count_matching_agreements repeats the filter block: change both (tests/test_query_pairs.py checks).
// @param actor_id  an actor that is a party, or null for any
// @param project_id  a project the agreement serves, or null for any
// @param kind  collaboration kind, or null
// @param status  existing or proposed, or null
// @param as_of  ISO date: only agreements in force that day, or null
// @param sort  id, name, kind, status, start_date or end_date
// @param descending  sort descending
// @param offset  rows to skip
// @param limit  rows to return
// @mode read
MATCH (g:Agreement)
WITH g, [(a:Actor)-[:PARTY_TO]->(g) | a.id] AS parties
WHERE ($actor_id IS NULL OR $actor_id IN parties)
  AND ($project_id IS NULL OR $project_id IN coalesce(g.project_ids, []))
  AND ($kind IS NULL OR g.kind = $kind)
  AND ($status IS NULL OR g.status = $status)
  AND ($as_of IS NULL OR ((g.start_date IS NULL OR g.start_date <= $as_of)
       AND (g.end_date IS NULL OR g.end_date >= $as_of)))
WITH g, parties, CASE $sort WHEN 'name' THEN g.name WHEN 'kind' THEN g.kind
  WHEN 'status' THEN g.status WHEN 'start_date' THEN g.start_date
  WHEN 'end_date' THEN g.end_date ELSE g.id END AS key
ORDER BY CASE WHEN $descending THEN null ELSE key END,
  CASE WHEN $descending THEN key ELSE null END DESC, g.id
SKIP $offset LIMIT $limit
RETURN properties(g) AS props, parties AS party_ids
