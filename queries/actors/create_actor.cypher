// Create one actor. CREATE, not MERGE: an id that is taken (by an actor or a project)
// breaks the unique constraint on Entity ids, so a race can never overwrite or duplicate.
// @param props  all of the actor's properties
// @mode write
CREATE (a:Actor:Entity)
SET a = $props, a.rev = randomUUID()
RETURN properties(a) AS props
