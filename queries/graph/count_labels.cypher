// How many nodes carry each label: the census a backup records and a restore checks.
// @mode read
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS value
