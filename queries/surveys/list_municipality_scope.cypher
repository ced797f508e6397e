// The actors based in a municipality.
// @param code  municipality code, e.g. DK-410
// @mode read
MATCH (a:Actor)
WHERE a.locality = $code
RETURN a.id AS actor_id
