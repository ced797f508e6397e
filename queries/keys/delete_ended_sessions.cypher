// Delete browser sessions whose time is up (ISO UTC timestamps compare as text).
// @param now  ISO timestamp (UTC)
// @mode write
MATCH (s:ApiSession)
WHERE s.expires <= $now
DELETE s
