// The actors of a workshop with their place on the stakeholder grid, by id.
// @param id  workshop id
// @mode read
MATCH (w:Workshop {id: $id})-[r:INCLUDES]->(a:Actor)
RETURN properties(a) AS props, r.added_here AS added_here, r.power AS power,
       r.interest AS interest, r.attitude AS attitude
ORDER BY a.id
