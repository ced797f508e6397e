// Every API key without its hash, oldest first.
// @mode read
MATCH (k:ApiKey)
RETURN k.id AS id, k.prefix AS prefix, k.role AS role, k.name AS name, k.created AS created,
       k.revoked AS revoked, k.revoked_at AS revoked_at, k.expires AS expires
ORDER BY k.created, k.id
