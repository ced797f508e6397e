// Participations still holding the schema-1 property funding_amount (migration 1 -> 2).
// @mode read
MATCH ()-[r:PARTICIPATES_IN]->()
WHERE r.funding_amount IS NOT NULL
RETURN count(r) AS found
