// Every actor, the columns analyses read (graphsvc.analysis.snapshot.ANALYSIS_COLUMNS), by id.
// @mode read
MATCH (a:Actor)
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.sector AS sector, a.scale AS scale,
       a.locality AS locality, a.is_person AS is_person,
       a.consent_to_publish AS consent_to_publish, a.member_kind AS member_kind,
       a.member_counts AS member_counts
ORDER BY a.id
