// Index the merge key of participations (actor -> project).
// @mode write
CREATE INDEX FOR ()-[r:PARTICIPATES_IN]-() ON (r.id)
