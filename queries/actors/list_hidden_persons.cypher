// Persons who did not consent to be shown by name (their names are pseudonymised for viewers).
// @mode read
MATCH (a:Actor)
WHERE a.is_person = true AND NOT coalesce(a.consent_to_publish, false)
RETURN a.id AS id, a.name AS name
ORDER BY a.id
