// Migration 1 -> 2, one batch: a participation's funding_amount (always Danish kroner in
// schema 1) becomes amount + currency 'DKK', and the old property goes. An amount already
// set is kept. The participation gets a new rev (ETag): its stored form changed. Run until
// it moves nothing; each batch is one statement, so a stop between batches loses nothing.
// @param batch  how many participations to move at most
// @mode write
MATCH ()-[r:PARTICIPATES_IN]->()
WHERE r.funding_amount IS NOT NULL
WITH r
LIMIT $batch
SET r.amount = coalesce(r.amount, r.funding_amount),
    r.currency = coalesce(r.currency, 'DKK'),
    r.funding_amount = null,
    r.rev = randomUUID()
RETURN count(r) AS moved
