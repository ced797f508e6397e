// How many relationships there are of each type: the census a backup records and a restore checks.
// @mode read
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS value
