// Which of the given ids name a stored actor or project, and which kind.
// @param ids  list of ids
// @mode read
UNWIND $ids AS item_id
MATCH (n:Entity {id: item_id})
RETURN n.id AS id, CASE WHEN n:Actor THEN 'actors' ELSE 'projects' END AS kind
