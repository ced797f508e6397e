// Create or replace projects by id. Each row's props are all of the project's properties.
// @param rows  list of {id, props}
// @mode write
UNWIND $rows AS row
MERGE (p:Project {id: row.id})
SET p = row.props
