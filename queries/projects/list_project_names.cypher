// Every project's id and name, so imported names find the projects already stored.
// @mode read
MATCH (p:Project)
RETURN p.id AS id, p.name AS name
