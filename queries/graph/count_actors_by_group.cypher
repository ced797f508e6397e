// Actors counted by kind, sector and locality (the table `graphsvc stats` summarises).
// @mode read
// @public
MATCH (a:Actor)
RETURN a.kind AS kind, a.sector AS sector, a.locality AS locality, count(*) AS actors
