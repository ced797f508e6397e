// How many entries the change log holds (a migration empties it).
// @mode read
MATCH (c:Change)
RETURN count(c) AS found
