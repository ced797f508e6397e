// Store a new API key: its id, the prefix shown in listings and the SHA-256 of the key.
// @param id  key id (also part of the key)
// @param prefix  the first characters of the key, for humans
// @param hash  hex SHA-256 of the whole key (the key itself is never stored)
// @param role  viewer, editor or admin
// @param label  a label for humans, or null
// @param created  ISO timestamp
// @param expires  ISO timestamp (UTC) when the key stops working, or null
// @mode write
CREATE (k:ApiKey {id: $id, prefix: $prefix, hash: $hash, role: $role, created: $created, revoked: false})
SET k.name = $label, k.expires = $expires
RETURN k.id AS id, k.prefix AS prefix, k.role AS role, k.name AS name, k.created AS created,
       k.revoked AS revoked, k.expires AS expires
