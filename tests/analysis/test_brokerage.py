"""Gould–Fernandez brokerage (graphsvc.analysis.brokerage) against hand counts, R's sna, and
a naive triple loop.

Where the expected values come from:

* hand-computed cases: worked out from the definition in ``docs/analysis.md`` (section
  "Brokerage roles"); each test says how;
* ``data/brokerage_sna.json``: written by real R, ``sna::brokerage`` 2.7.1, with
  ``reference/brokerage_sna.R`` (see ``reference/README.md`` to regenerate); CI has no R,
  the JSON is the reference;
* ``naive_counts`` below: the definition as an O(N³) triple loop over distinct (a, v, b).
"""

from __future__ import annotations

import importlib
import itertools
import json
import math
import random
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from graphsvc.analysis.brokerage import ROLES, SNA_ROLE_NAMES, brokerage, brokerage_graph
from graphsvc.errors import ValidationError

# The module itself (the package may re-export the function under the same name).
brokerage_module = importlib.import_module("graphsvc.analysis.brokerage")
DATA = Path(__file__).parent / "data" / "brokerage_sna.json"
COUNT_COLUMNS = list(ROLES)
Z_COLUMNS = [f"z_{role}" for role in ROLES]


def _sna() -> dict[str, Any]:
    with DATA.open(encoding="utf-8") as handle:
        return json.load(handle)


SNA = _sna()
SNA_GRAPHS = SNA["graphs"]


def _number(value: Any) -> float:
    """jsonlite writes NaN / Inf / -Inf as strings."""
    if isinstance(value, str):
        return {"NaN": math.nan, "Inf": math.inf, "-Inf": -math.inf}[value]
    return float(value)


def _floats(values: list[Any]) -> np.ndarray:
    return np.array([_number(v) for v in values], dtype=float)


def _graph_from_json(case: dict[str, Any]) -> nx.Graph:
    if case["directed"]:
        G: nx.Graph = nx.MultiDiGraph() if case["multigraph"] else nx.DiGraph()
    else:
        G = nx.MultiGraph() if case["multigraph"] else nx.Graph()
    for node, group in zip(case["nodes"], case["groups"], strict=True):
        G.add_node(node, sector=group)
    G.add_edges_from(tuple(edge) for edge in case["edges"])
    return G


def _assert_floats(actual: np.ndarray, expected: np.ndarray) -> None:
    """Equal to 1e-9 (relative), NaN exactly where expected is NaN, infinities equal."""
    actual = np.asarray(actual, dtype=float)
    assert actual.shape == expected.shape
    np.testing.assert_array_equal(np.isnan(actual), np.isnan(expected))
    np.testing.assert_array_equal(np.isinf(actual), np.isinf(expected))
    finite = np.isfinite(expected)
    np.testing.assert_array_equal(actual[np.isinf(expected)], expected[np.isinf(expected)])
    np.testing.assert_allclose(actual[finite], expected[finite], rtol=1e-9, atol=1e-12)


def _role_name(ga: Any, gv: Any, gb: Any) -> str:
    if ga == gv:
        return "coordinator" if gv == gb else "representative"
    if gv == gb:
        return "gatekeeper"
    return "itinerant" if ga == gb else "liaison"


def naive_counts(G: nx.Graph, attribute: str = "sector") -> pd.DataFrame:
    """The definition, O(N³): v brokers (a, v, b), all distinct, if a→v, v→b and not a→b.

    Arc multiplicities (undirected edge = two arcs, parallel arcs counted) multiply.
    """
    arcs: Counter[tuple[Any, Any]] = Counter()
    for u, v in G.edges():
        arcs[u, v] += 1
        if not G.is_directed() and u != v:
            arcs[v, u] += 1
    group = dict(G.nodes(data=attribute))
    rows = {}
    for v in G:
        row = dict.fromkeys(ROLES, 0)
        for a in G:
            for b in G:
                if len({a, v, b}) < 3 or arcs[a, b]:
                    continue
                paths = arcs[a, v] * arcs[v, b]
                if paths:
                    row[_role_name(group[a], group[v], group[b])] += paths
        row["total"] = sum(row[role] for role in ROLES[:5])
        rows[v] = row
    return pd.DataFrame.from_dict(rows, orient="index")[COUNT_COLUMNS]


def _counts(df: pd.DataFrame, node: Any) -> list[int]:
    return [int(x) for x in df.loc[node, COUNT_COLUMNS]]


# --------------------------------------------------------------------------- hand-computed


def test_star_worked_check() -> None:
    """The worked check of docs/analysis.md: undirected star, centre P, leaves P, C, C.

    Open two-paths through the centre: P-leaf→c→C-leaf (representative, 2), C-leaf→c→P-leaf
    (gatekeeper, 2), C1→c→C2 and C2→c→C1 (itinerant, 2); no coordinator (one other P),
    no liaison (two groups).
    """
    G = nx.Graph([("c", "p"), ("c", "x"), ("c", "y")])
    nx.set_node_attributes(G, {"c": "P", "p": "P", "x": "C", "y": "C"}, "sector")
    df = brokerage(G)
    assert _counts(df, "c") == [0, 2, 2, 2, 0, 6]
    for leaf in ("p", "x", "y"):
        assert _counts(df, leaf) == [0, 0, 0, 0, 0, 0]


def test_directed_three_cycle_every_node_brokers_once() -> None:
    """a→b→c→a: each node lies on exactly one two-path, never closed (docs/analysis.md)."""
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")])
    nx.set_node_attributes(G, "G", "sector")
    df = brokerage(G)
    assert (df["coordinator"] == 1).all()
    assert (df["total"] == 1).all()
    # three groups: every brokered path a→b→c runs between three groups
    nx.set_node_attributes(G, {"a": "X", "b": "Y", "c": "Z"}, "sector")
    df = brokerage(G)
    assert (df["liaison"] == 1).all()
    assert (df["total"] == 1).all()


def test_closing_arc_removes_two_path() -> None:
    """a→v→b with a→b: a can reach b directly, v brokers nothing."""
    G = nx.DiGraph([("a", "v"), ("v", "b"), ("a", "b")])
    nx.set_node_attributes(G, {"a": "A", "v": "A", "b": "B"}, "sector")
    df = brokerage(G)
    assert df["total"].tolist() == [0, 0, 0]


def test_reverse_arc_only_still_counts() -> None:
    """a→v→b with only b→a: not closed (direction matters), v is a representative A→A→B.

    The other two-paths: v→b→a (B-broker between A and A: itinerant) and b→a→v (A-broker
    from B to A: gatekeeper), each open because v→a and b→v are absent.
    """
    G = nx.DiGraph([("a", "v"), ("v", "b"), ("b", "a")])
    nx.set_node_attributes(G, {"a": "A", "v": "A", "b": "B"}, "sector")
    df = brokerage(G)
    assert _counts(df, "v") == [0, 0, 1, 0, 0, 1]
    assert _counts(df, "b") == [0, 1, 0, 0, 0, 1]
    assert _counts(df, "a") == [0, 0, 0, 1, 0, 1]


def test_parallel_arcs_multiply_and_loops_count_only_in_m() -> None:
    """Two arcs a→v and three v→b: 2·3 = 6 two-paths; loops add arcs to m, no paths."""
    G = nx.MultiDiGraph()
    G.add_nodes_from(["a", "v", "b"], sector="A")
    G.add_edges_from([("a", "v")] * 2 + [("v", "b")] * 3 + [("v", "v"), ("a", "a")])
    df = brokerage(G)
    assert _counts(df, "v") == [6, 0, 0, 0, 0, 6]
    assert df["total"].sum() == 6
    assert df.attrs["m"] == 7
    assert df.attrs["density"] == pytest.approx(7 / 6)


def test_mutual_tie_is_not_a_two_path() -> None:
    """a⇄v: a→v→a has a = b and is no brokerage; a path graph a–v–b brokers a→v→b, b→v→a."""
    G = nx.path_graph(["a", "v", "b"])
    nx.set_node_attributes(G, "A", "sector")
    assert _counts(brokerage(G), "v") == [2, 0, 0, 0, 0, 2]


# --------------------------------------------------------------------------- shape and NaN


def test_frame_layout_and_undefined_z_is_nan() -> None:
    """Columns, dtypes, index; z of a group of size 2 is 0/0 (NaN), never 0 (sna's rule)."""
    G = nx.star_graph(3)
    nx.set_node_attributes(G, {0: "P", 1: "P", 2: "C", 3: "C"}, "sector")
    df = brokerage(G)
    assert list(df.columns) == ["group", *COUNT_COLUMNS, *Z_COLUMNS]
    assert df.index.name == "id"
    assert df.index.tolist() == [0, 1, 2, 3]
    assert df["group"].tolist() == ["P", "P", "C", "C"]
    for column in COUNT_COLUMNS:
        assert df[column].dtype == np.int64
    for column in Z_COLUMNS:
        assert df[column].dtype == np.float64
    assert df["z_coordinator"].isna().all()
    assert not (df["z_coordinator"] == 0).any()
    # the star's z values, from sna (graph "star_undirected" of the JSON)
    assert df.loc[0, "z_total"] == pytest.approx(5.71547606649408, rel=1e-12)


def test_tuple_node_ids_keep_a_flat_index() -> None:
    G = nx.path_graph([(0, "a"), (1, "b"), (2, "c")])
    nx.set_node_attributes(G, "A", "sector")
    df = brokerage(G)
    assert not isinstance(df.index, pd.MultiIndex)
    assert df.index[1] == (1, "b")
    assert df["coordinator"].tolist() == [0, 2, 0]


def test_empty_graph() -> None:
    df = brokerage(nx.Graph())
    assert df.empty
    assert list(df.columns) == ["group", *COUNT_COLUMNS, *Z_COLUMNS]
    assert brokerage_graph(nx.Graph())["observed"].tolist() == [0] * 6


def test_graph_level_frame() -> None:
    G = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")])
    nx.set_node_attributes(G, "G", "sector")
    df = brokerage_graph(G)
    assert df.index.tolist() == list(ROLES)
    assert df.index.name == "role"
    assert list(df.columns) == ["observed", "expected", "sd", "z"]
    assert df["observed"].tolist() == [3, 0, 0, 0, 0, 3]
    # one group: no itinerant/representative/gatekeeper/liaison possible, sna says 0/0
    assert df.loc[["itinerant", "representative", "gatekeeper", "liaison"], "z"].isna().all()
    assert SNA_ROLE_NAMES["itinerant"] == "w_O"


# --------------------------------------------------------------------------- validation


def test_missing_group_names_the_node() -> None:
    G = nx.Graph([("kommune-a", "forening-b"), ("forening-b", "fond-c")])
    nx.set_node_attributes(G, {"kommune-a": "public", "fond-c": "foundation"}, "sector")
    with pytest.raises(ValidationError, match="forening-b") as info:
        brokerage(G)
    assert info.value.status_code == 422
    assert any("forening-b" in str(problem) for problem in info.value.details)
    with pytest.raises(ValidationError, match="forening-b"):
        brokerage_graph(G)


def test_none_group_is_missing_and_default_group_fills_it() -> None:
    G = nx.Graph([("a", "b"), ("b", "c")])
    nx.set_node_attributes(G, {"a": "X", "b": None, "c": "X"}, "sector")
    with pytest.raises(ValidationError, match="'b'"):
        brokerage(G)
    df = brokerage(G, default_group="unknown")
    assert df.loc["b", "group"] == "unknown"
    assert _counts(df, "b") == [0, 2, 0, 0, 0, 2]  # X→unknown→X both ways: itinerant


def test_other_attribute_name() -> None:
    G = nx.path_graph(3)
    nx.set_node_attributes(G, {0: "a", 1: "b", 2: "c"}, "kind")
    assert _counts(brokerage(G, "kind"), 1) == [0, 0, 0, 0, 2, 2]


def test_unhashable_group_is_rejected() -> None:
    G = nx.path_graph(2)
    nx.set_node_attributes(G, {0: ["a"], 1: ["b"]}, "sector")
    with pytest.raises(ValidationError, match="hashable"):
        brokerage(G)


# --------------------------------------------------------------------------- R's sna


def test_sna_reference_file() -> None:
    """The JSON was made by real R with sna 2.7.x and covers the cases the brief lists."""
    assert SNA["sna_version"].startswith("2.7")
    assert len(SNA_GRAPHS) >= 12
    assert {g["directed"] for g in SNA_GRAPHS} == {True, False}
    assert {len(set(g["groups"])) for g in SNA_GRAPHS} >= {1, 2, 3, 4, 5}
    assert SNA["roles"] == [SNA_ROLE_NAMES[r] for r in ROLES]
    assert any(
        any(isinstance(x, str) and x == "NaN" for row in g["z_nli"] for x in row)
        for g in SNA_GRAPHS
    )


@pytest.mark.parametrize("case", SNA_GRAPHS, ids=[g["name"] for g in SNA_GRAPHS])
def test_node_level_equals_sna(case: dict[str, Any]) -> None:
    """Counts exactly sna's raw.nli, z-scores its z.nli to 1e-9 (NaN/Inf where sna's are)."""
    G = _graph_from_json(case)
    df = brokerage(G)
    assert df.index.tolist() == case["nodes"]
    assert df.attrs["m"] == case["m"]
    np.testing.assert_array_equal(df[COUNT_COLUMNS].to_numpy(), np.array(case["raw_nli"]))
    expected_z = np.array([_floats(row) for row in case["z_nli"]])
    _assert_floats(df[Z_COLUMNS].to_numpy(), expected_z)


@pytest.mark.parametrize("case", SNA_GRAPHS, ids=[g["name"] for g in SNA_GRAPHS])
def test_graph_level_equals_sna(case: dict[str, Any]) -> None:
    """observed/expected/sd/z equal sna's raw.gli/exp.gli/sd.gli/z.gli (1e-9)."""
    df = brokerage_graph(_graph_from_json(case))
    np.testing.assert_array_equal(df["observed"].to_numpy(), np.array(case["raw_gli"]))
    _assert_floats(df["expected"].to_numpy(), _floats(case["exp_gli"]))
    _assert_floats(df["sd"].to_numpy(), _floats(case["sd_gli"]))
    _assert_floats(df["z"].to_numpy(), _floats(case["z_gli"]))


# --------------------------------------------------------------------------- naive loop


def _random_graph(kind: str, seed: int) -> nx.Graph:
    rng = random.Random(seed)
    n = rng.randint(15, 30)
    p = rng.choice([0.08, 0.15, 0.3, 0.6])
    directed = kind in {"directed", "multidigraph"}
    G: nx.Graph
    if kind == "multidigraph":
        G = nx.MultiDiGraph()
    elif kind == "multigraph":
        G = nx.MultiGraph()
    else:
        G = nx.gnp_random_graph(n, p, seed=seed, directed=directed)
    G.add_nodes_from(range(n))
    if G.is_multigraph():
        for u, v in itertools.product(range(n), repeat=2):
            if (directed or u <= v) and rng.random() < p:
                G.add_edges_from([(u, v)] * rng.randint(1, 3))  # parallel arcs and loops
    k = rng.randint(1, 5)
    nx.set_node_attributes(G, {v: f"g{rng.randrange(k)}" for v in G}, "sector")
    return G


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("kind", ["directed", "undirected", "multidigraph", "multigraph"])
def test_equals_naive_triple_loop(kind: str, seed: int) -> None:
    """The fast count equals the O(N³) definition on seeded random graphs."""
    G = _random_graph(kind, seed)
    df = brokerage(G)
    expected = naive_counts(G)
    pd.testing.assert_frame_equal(
        df[COUNT_COLUMNS], expected.loc[df.index], check_names=False, check_dtype=False
    )


def test_small_triangle_chunks_give_the_same_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Triangle listing in many tiny chunks (the path large graphs take) changes nothing."""
    G = nx.gnp_random_graph(40, 0.3, seed=7, directed=True)
    rng = random.Random(7)
    nx.set_node_attributes(G, {v: rng.choice("ABC") for v in G}, "sector")
    whole = brokerage(G)
    assert brokerage_module._WEDGE_CHUNK > 5
    monkeypatch.setattr(brokerage_module, "_WEDGE_CHUNK", 5)
    chunked = brokerage(G)
    pd.testing.assert_frame_equal(whole, chunked)
    pd.testing.assert_frame_equal(chunked[COUNT_COLUMNS], naive_counts(G), check_names=False)


def test_undirected_equals_its_two_arc_directed_version() -> None:
    """sna reads an undirected tie as the two arcs a→b and b→a."""
    G = nx.powerlaw_cluster_graph(60, 3, 0.5, seed=3)
    rng = random.Random(3)
    nx.set_node_attributes(G, {v: rng.choice("ABCD") for v in G}, "sector")
    pd.testing.assert_frame_equal(brokerage(G), brokerage(G.to_directed()))
    pd.testing.assert_frame_equal(brokerage_graph(G), brokerage_graph(G.to_directed()))
