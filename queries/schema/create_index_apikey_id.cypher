// Index the id of API keys (looked up on every API request).
// @mode write
CREATE INDEX FOR (k:ApiKey) ON (k.id)
