// Delete every actor, project, tie, agreement, workshop and survey of the graph (tests and `graphsvc db reset`).
// API keys and the version counter stay: a reset must not lock the admins out.
// @mode write
MATCH (n)
WHERE n:Actor OR n:Project OR n:Agreement OR n:Workshop OR n:WorkshopSnapshot
   OR n:Survey OR n:SurveyInvitation OR n:SurveyResponse OR n:SurveyContact OR n:SurveyReview
   OR n:SurveyResolution
DETACH DELETE n
