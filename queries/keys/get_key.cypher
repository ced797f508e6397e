// One API key by id, with its hash (to verify a presented key).
// @param id  key id
// @mode read
MATCH (k:ApiKey {id: $id})
RETURN k.id AS id, k.prefix AS prefix, k.hash AS hash, k.role AS role, k.name AS name,
       k.created AS created, k.revoked AS revoked, k.expires AS expires
