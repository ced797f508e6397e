// A browser session by the hash of its token, with the key it acts for.
// @param hash  hex SHA-256 of the session token
// @mode read
MATCH (s:ApiSession {hash: $hash})
MATCH (k:ApiKey {id: s.key_id})
RETURN k.id AS id, k.prefix AS prefix, k.role AS role, k.name AS name, k.created AS created,
       k.revoked AS revoked, k.revoked_at AS revoked_at, k.expires AS expires,
       s.expires AS session_expires
