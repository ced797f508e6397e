// Every actor's id and name, so imported names find the actors already stored.
// @mode read
MATCH (a:Actor)
RETURN a.id AS id, a.name AS name
