// Index the token hash of browser sessions (looked up on every page request).
// @mode write
CREATE INDEX FOR (s:ApiSession) ON (s.hash)
