// Delete a survey and its roster (its invitations, responses, contacts and reviews go first).
// @param id  survey id
// @mode write
MATCH (s:Survey {id: $id})
DETACH DELETE s
RETURN count(*) AS deleted
