// End every browser session of an API key (the key was revoked).
// @param key_id  the key's id
// @mode write
MATCH (s:ApiSession {key_id: $key_id})
DELETE s
