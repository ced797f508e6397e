// Revoke an API key (it stays listed, marked revoked).
// @param id  key id
// @param at  ISO timestamp of the revocation
// @mode write
MATCH (k:ApiKey {id: $id})
SET k.revoked = true, k.revoked_at = coalesce(k.revoked_at, $at)
RETURN k.id AS id, k.revoked_at AS revoked_at
