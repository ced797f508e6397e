// The invitation whose token has this SHA-256 hash.
// @param token_hash  hex SHA-256 of the token
// @mode read
MATCH (i:SurveyInvitation {token_hash: $token_hash})
RETURN properties(i) AS props
