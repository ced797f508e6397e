// Create one project. CREATE, not MERGE: an id that is taken (by an actor or a project)
// breaks the unique constraint on Entity ids, so a race can never overwrite or duplicate.
// @param props  all of the project's properties
// @mode write
CREATE (p:Project:Entity)
SET p = $props, p.rev = randomUUID()
RETURN properties(p) AS props
