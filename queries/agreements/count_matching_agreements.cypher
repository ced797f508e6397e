// How many agreements match the filters of agreements/find_agreements.
// Its filter block is that of find_agreements, to the letter (tests/test_query_pairs.py checks).
// @param actor_id  an actor that is a party, or null for any
// @param project_id  a project the agreement serves, or null for any
// @param kind  collaboration kind, or null
// @param status  existing or proposed, or null
// @param as_of  ISO date: only agreements in force that day, or null
// @mode read
MATCH (g:Agreement)
WITH g, [(a:Actor)-[:PARTY_TO]->(g) | a.id] AS parties
WHERE ($actor_id IS NULL OR $actor_id IN parties)
  AND ($project_id IS NULL OR $project_id IN coalesce(g.project_ids, []))
  AND ($kind IS NULL OR g.kind = $kind)
  AND ($status IS NULL OR g.status = $status)
  AND ($as_of IS NULL OR ((g.start_date IS NULL OR g.start_date <= $as_of)
       AND (g.end_date IS NULL OR g.end_date >= $as_of)))
RETURN count(g) AS total
