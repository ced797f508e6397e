// Snapshots whose frozen data mentions a text (an actor id), or whose note names a person:
// what to rewrite when a person is deleted.
// @param text  the text to look for in the data
// @param person  a name to look for in the note (any case), or null
// @mode read
MATCH (w:Workshop)-[:HAS_SNAPSHOT]->(s:WorkshopSnapshot)
WHERE s.data CONTAINS $text
   OR ($person IS NOT NULL AND toLower(coalesce(s.note, '')) CONTAINS toLower($person))
RETURN w.id AS workshop_id, s.id AS id, s.data AS data, s.note AS note
