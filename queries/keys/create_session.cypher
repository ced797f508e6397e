// Start a browser session: the SHA-256 of its token and the key it acts for.
// @param hash  hex SHA-256 of the session token (the token itself is never stored)
// @param key_id  the API key the session acts for
// @param created  ISO timestamp
// @param expires  ISO timestamp (UTC) when the session ends
// @mode write
CREATE (s:ApiSession {hash: $hash, key_id: $key_id, created: $created, expires: $expires})
RETURN s.key_id AS key_id
