"""The analyses' read path: projected columns, no re-validation, same network as the full read.

Against the real FalkorDB of the test session, on the seed data: the column read gives
exactly the validated tables' values in :data:`ANALYSIS_COLUMNS`, and the network built
from it equals the one built from the whole validated tables (nodes, edges, attributes
the analyses read).
"""

from __future__ import annotations

import pandas as pd

from graphsvc.analysis.snapshot import ANALYSIS_COLUMNS, build_network, read_analysis_tables
from graphsvc.core import Graphsvc


def _network_view(network) -> tuple[dict, dict]:  # type: ignore[no-untyped-def]
    nodes = {
        n: {k: v for k, v in data.items() if k in ANALYSIS_COLUMNS["actors"] + ("type",)}
        for n, data in network.nodes(data=True)
    }
    edges = {
        key: (u, v, data.get("type"), data.get("status"), data.get("weight"))
        for u, v, key, data in network.edges(keys=True, data=True)
    }
    return nodes, edges


def test_columns_equal_the_validated_tables(graphsvc: Graphsvc) -> None:
    graphsvc.seed()
    full = graphsvc.tables()
    fast = graphsvc.analysis_tables()
    for table, columns in ANALYSIS_COLUMNS.items():
        assert list(fast[table].columns) == list(columns)
        assert len(fast[table]) == len(full[table]) > 0, table
        expected = full[table][list(columns)].sort_values("id").reset_index(drop=True)
        got = fast[table].sort_values("id").reset_index(drop=True)
        pd.testing.assert_frame_equal(
            got.astype(object), expected.astype(object), check_dtype=False
        )


def test_network_from_columns_equals_network_from_validated_tables(graphsvc: Graphsvc) -> None:
    graphsvc.seed()
    for filters in ({}, {"include_proposed": True, "as_of": "2013-06-01"}):
        fast = build_network(graphsvc.analysis_tables(), **filters)
        full = build_network(graphsvc.tables(), **filters)
        assert _network_view(fast) == _network_view(full)
        assert fast.number_of_edges() == full.number_of_edges() > 0


def test_by_ids_and_empty_results_keep_their_columns(graphsvc: Graphsvc) -> None:
    graphsvc.seed()
    some = sorted(graphsvc.analysis_tables()["actors"]["id"])[:2]
    found = read_analysis_tables(graphsvc.store, {"actors": [*some, "no-such-actor"]})
    assert sorted(found["actors"]["id"]) == some
    assert found["collaborations"].empty
    assert list(found["collaborations"].columns) == list(ANALYSIS_COLUMNS["collaborations"])
    graphsvc.reset()
    empty = graphsvc.store.run_columns("actors/list_actor_columns")
    assert empty == {name: [] for name in ANALYSIS_COLUMNS["actors"]}
