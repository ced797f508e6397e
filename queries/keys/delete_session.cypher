// End a browser session (signing out).
// @param hash  hex SHA-256 of the session token
// @mode write
MATCH (s:ApiSession {hash: $hash})
DELETE s
