// One invitation by its id.
// @param id  invitation id
// @mode read
MATCH (i:SurveyInvitation {id: $id})
RETURN properties(i) AS props
