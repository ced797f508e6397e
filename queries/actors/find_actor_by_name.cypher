// Actors whose name equals the given one, ignoring case and surrounding spaces.
// @param text  the name, lower-cased and trimmed
// @mode read
MATCH (a:Actor)
WHERE toLower(trim(a.name)) = $text
RETURN a.id AS id, a.name AS name
ORDER BY id
LIMIT 5
