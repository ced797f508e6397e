// The collaborations between the given pairs of actors (either direction): what applying
// a survey compares (its own by fingerprint; any other is curated data).
// @param pairs  list of [actor id, actor id]
// @mode read
UNWIND $pairs AS pair
MATCH (a:Actor {id: pair[0]})-[r:COLLABORATES_WITH]-(b:Actor {id: pair[1]})
RETURN a.id AS a, b.id AS b, r.id AS id, r.sources AS sources, r.kind AS kind,
       r.weight AS weight, r.fingerprint AS fingerprint
