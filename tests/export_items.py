"""One item of each table with every schema-2 field set (#12), for export and map tests.

They refer to the mini data set (``tests/data/mini``): import it first.
"""

NEW_ITEMS = {
    "projects": {
        "id": "hr-berg", "name": "Hr. Berg", "theme": "socially_vulnerable",
        "start_date": "2014", "end_date": "2016-06-30", "end_precision": "approximate",
        "part_of": "legepatruljen", "follows": "frivillige-mentorer", "place": "Bispehaven",
        "place_level": "neighbourhood", "inferred_fields": ["follows"],
    },
    "actors": {
        "id": "sund-by", "name": "Sund By Netværket", "kind": "network", "sector": "public",
        "scale": "national", "member_kind": "municipality",
        "member_counts": '[{"on": "2012-01-01", "precision": "year", "count": 20},'
                         ' {"count": 80, "approximate": true}]',
        "start_date": "1990", "end_date": "2018-03", "successor_id": "trygfonden",
        "place": "landsdækkende", "place_level": "country", "inferred_fields": ["kind"],
    },
    "participations": {
        "id": "p-sund-by-berg", "actor_id": "sund-by", "project_id": "hr-berg",
        "role": "funder", "amount": 1500000.5, "currency": "NOK", "support": "cash_grant",
        "start_date": "2016-03", "inferred_fields": ["role", "start_date"],
    },
    "collaborations": {
        "id": "c-sund-by-kommune", "source_id": "sund-by", "target_id": "middelfart-kommune",
        "kind": "coordination", "amount": 20000, "currency": "EUR", "support": "public_pool",
        "project_ids": ["hr-berg", "legepatruljen"], "status": "proposed",
        "proposed_by": "Frivilligrådet", "end_date": "2014", "inferred_fields": ["directed"],
    },
}  # fmt: skip
