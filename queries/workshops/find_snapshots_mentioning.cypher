// Snapshots whose frozen data mentions a text (an actor id): what to rewrite when a person
// is deleted.
// @param text  the text to look for
// @mode read
MATCH (w:Workshop)-[:HAS_SNAPSHOT]->(s:WorkshopSnapshot)
WHERE s.data CONTAINS $text
RETURN w.id AS workshop_id, s.id AS id, s.data AS data
