// Create or replace agreements by id, each with exactly the given parties (existing
// actors: the import checked them); a fresh rev (ETag) each.
// @param rows  list of {id, party_ids, props}
// @mode write
UNWIND $rows AS row
MERGE (g:Agreement {id: row.id})
SET g = row.props, g.rev = randomUUID()
WITH g, row
OPTIONAL MATCH (:Actor)-[old:PARTY_TO]->(g)
DELETE old
WITH DISTINCT g, row
UNWIND row.party_ids AS party_id
MATCH (a:Actor {id: party_id})
CREATE (a)-[:PARTY_TO]->(g)
